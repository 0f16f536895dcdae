import { Module } from '@nestjs/common';
import { FilingLedger } from './filing-ledger.service.js';

@Module({ providers: [FilingLedger], exports: [FilingLedger] })
export class FilingsModule {}
