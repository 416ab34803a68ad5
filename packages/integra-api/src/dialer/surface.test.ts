import { describe, expect, expectTypeOf, it } from 'vitest';
import * as api from '@ucbridge/integra-api';
import type { ContactProblem, DialerContact, Session, UploadBaseOptions, UploadBaseResult } from '@ucbridge/integra-api';

describe('the dialer part of @ucbridge/integra-api', () => {
  it('exports the documented functions and classes', () => {
    for (const name of [
      'toDialerCsv',
      'uploadBase',
      'sendDialerBase',
      'validateContacts',
      'validateContact',
      'validateFilename',
      'validateCampaign',
      'prepareDialerBase',
      'encodeUploadBody',
      'createUploadBodyEncoder',
      'DialerBaseBuilder',
      'InvalidContactsError',
      'UploadBaseError',
      'formatProblem',
      'parseDialerLine',
      'parseDialerFields',
    ] as const) {
      expect(typeof api[name], name).toBe('function');
    }
    expect(api.DEFAULT_MAX_LINES).toBe(50_000);
    expect(new api.InvalidContactsError([]).code).toBe('INVALID_CONTACTS');
  });

  it('has the types of DESIGN.md', () => {
    expectTypeOf(api.toDialerCsv).toEqualTypeOf<(campaign: string, contacts: Iterable<DialerContact>) => string>();
    expectTypeOf(api.uploadBase).toEqualTypeOf<(session: Session, options: UploadBaseOptions) => Promise<UploadBaseResult>>();
    expectTypeOf<DialerContact>().toEqualTypeOf<{
      phone: string;
      vars?: Record<string, string | number>;
      altPhones?: readonly string[];
      priority?: number;
      agentPhone?: string;
    }>();
    expectTypeOf(api.validateContacts).returns.toEqualTypeOf<ContactProblem[]>();
    expectTypeOf<UploadBaseOptions['contacts']>().toEqualTypeOf<Iterable<DialerContact> | AsyncIterable<DialerContact>>();
  });
});
