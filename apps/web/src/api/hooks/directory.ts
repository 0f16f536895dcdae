import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { Department, Page } from '../interim-types';
import { withQuery } from './query';

/** GET /departments: the city's departments, for names beside ids and the provider filter. */
export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    // Every department, page by page (the API gives at most 200 at a time).
    queryFn: async () => {
      const all: Department[] = [];
      for (;;) {
        const page = await unwrap<Page<Department>>(
          api.GET('/api/v1/departments', withQuery({ limit: 200, offset: all.length })),
        );
        all.push(...page.items);
        if (page.items.length === 0 || all.length >= page.total) return { items: all, total: page.total };
      }
    },
    staleTime: 30 * 60_000,
  });
}

/** The department's name, or a placeholder while the list loads. */
export function useDepartmentName() {
  const { data } = useDepartments();
  const names = new Map(data?.items.map((department) => [department.id, department.name]));
  return (id: string | undefined) => (id ? (names.get(id) ?? '…') : '—');
}
