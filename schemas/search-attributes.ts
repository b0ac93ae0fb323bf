import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes registered with the Temporal server at start (name → CLI type). */
export const CUSTOM_SEARCH_ATTRIBUTES = {
  BusinessDate: 'Keyword',
  FileSha256: 'Keyword',
  Uti: 'Keyword',
  ReportKind: 'Keyword',
  ModelVersion: 'Keyword',
} as const;

export const FILE_SHA256 = defineSearchAttributeKey('FileSha256', SearchAttributeType.KEYWORD);
export const BUSINESS_DATE = defineSearchAttributeKey('BusinessDate', SearchAttributeType.KEYWORD);
export const UTI = defineSearchAttributeKey('Uti', SearchAttributeType.KEYWORD);
