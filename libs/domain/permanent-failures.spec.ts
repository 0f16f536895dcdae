import { NotFoundError, RuleViolationError } from './errors.js';
import { permanentFailureType } from './permanent-failures.js';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('permanent activity failures', () => {
  it('classifies what the same input would fail on again as permanent', () => {
    expect(permanentFailureType(pgError('08P01', 'invalid message format'))).toBe('PermanentDataError');
    expect(permanentFailureType(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))).toBe('PermanentDataError');
    expect(permanentFailureType(pgError('22P05', 'unsupported Unicode escape sequence'))).toBe('PermanentDataError');
    expect(permanentFailureType(pgError('22008', 'date/time field value out of range'))).toBe('PermanentDataError');
    expect(permanentFailureType(pgError('23503', 'violates foreign key constraint'))).toBe('PermanentDataError');
    expect(permanentFailureType(new RuleViolationError('the step is not allowed'))).toBe('PermanentRuleError');
    expect(permanentFailureType(new NotFoundError('no such task'), 5)).toBe('PermanentNotFound');
    expect(permanentFailureType(Object.assign(new Error('GovernmentDatabase not found'), { name: 'NotFoundError' }), 6)).toBe('PermanentNotFound');
    expect(permanentFailureType(Object.assign(new Error('bad input'), { name: 'ZodError' }))).toBe('PermanentRuleError');
  });

  it('gives a missing row a few attempts first: its transaction may not have committed yet', () => {
    expect(permanentFailureType(new NotFoundError('no such task'), 1)).toBeUndefined();
    expect(permanentFailureType(new NotFoundError('no such task'), 4)).toBeUndefined();
    expect(permanentFailureType(pgError('22021', 'invalid byte sequence'), 1)).toBe('PermanentDataError');
  });

  it('leaves outages and races retryable', () => {
    expect(permanentFailureType(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBeUndefined();
    expect(permanentFailureType(pgError('57P01', 'terminating connection due to administrator command'))).toBeUndefined();
    expect(permanentFailureType(pgError('40001', 'could not serialize access'))).toBeUndefined();
    expect(permanentFailureType(pgError('23505', 'duplicate key value'))).toBeUndefined();
    expect(permanentFailureType(new Error('Connection is closed.'))).toBeUndefined();
    expect(permanentFailureType('not an error')).toBeUndefined();
  });
});
