import type { CatalogService } from '../libs/catalog/catalog.service.js';

export function catalogActivities(catalog: CatalogService) {
  return {
    markCatalogVersionInReview: (resourceId: string, version: number, round: number) => catalog.markInReview(resourceId, version, round),
    returnCatalogVersion: (resourceId: string, version: number, round: number, reasons: string) =>
      catalog.returnForRevision(resourceId, version, round, reasons),
    approveCatalogVersion: (resourceId: string, version: number) => catalog.approve(resourceId, version),
  };
}

export type CatalogActivities = ReturnType<typeof catalogActivities>;
