import { act, renderHook } from '@testing-library/react';
import { reasonSchema } from '@vigil/shared';
import type { FormEvent } from 'react';
import { useSchemaForm } from './use-schema-form';

const submitEvent = () => ({ preventDefault: jest.fn() }) as unknown as FormEvent;

describe('useSchemaForm', () => {
  it('passes on only what the shared schema accepts, and shows its message beside the field otherwise', () => {
    const onValid = jest.fn();
    const onInvalid = jest.fn();
    const before = jest.fn();
    const { result } = renderHook(() =>
      useSchemaForm({ initial: { reason: '' }, schema: reasonSchema }),
    );

    const refused = submitEvent();
    act(() => result.current.handleSubmit(onValid, { before, onInvalid })(refused));
    expect(refused.preventDefault).toHaveBeenCalled();
    expect(onValid).not.toHaveBeenCalled();
    expect(onInvalid).toHaveBeenCalledTimes(1);
    expect(result.current.errors.reason).toEqual(expect.any(String));

    act(() => result.current.setField('reason')('  patient asked to stop  '));
    act(() => result.current.handleSubmit(onValid, { before, onInvalid })(submitEvent()));
    expect(onValid).toHaveBeenCalledWith({ reason: 'patient asked to stop' });
    expect(result.current.errors).toEqual({});
    expect(before).toHaveBeenCalledTimes(2);

    act(() => result.current.reset());
    expect(result.current.draft).toEqual({ reason: '' });
  });

  it('checks what toInput makes of the draft and places issues where toErrors says', () => {
    const onValid = jest.fn();
    const { result } = renderHook(() =>
      useSchemaForm({
        initial: { why: '' },
        schema: reasonSchema,
        toInput: (draft: { why: string }) => ({ reason: draft.why }),
        toErrors: (issues) => ({ why: issues[0]?.message }),
      }),
    );
    act(() => result.current.handleSubmit(onValid)(submitEvent()));
    expect(result.current.errors.why).toEqual(expect.any(String));
    act(() => result.current.setField('why')('fainted'));
    act(() => result.current.handleSubmit(onValid)(submitEvent()));
    expect(onValid).toHaveBeenCalledWith({ reason: 'fainted' });
  });
});
