import { orderSignatureRecipients } from './order-notices';

describe('who is asked to sign a drafted order', () => {
  const onDuty = [
    { userId: 'nurse-1', role: 'nurse' as const },
    { userId: 'dr-a', role: 'physician' as const },
    { userId: 'dr-b', role: 'physician' as const },
    { userId: 'dr-a', role: 'physician' as const },
  ];

  it('asks the supervising physician alone, on duty or not', () => {
    expect(orderSignatureRecipients('dr-c', onDuty)).toEqual(['dr-c']);
  });

  it('asks every physician on duty, once each and no nurse, when none supervises', () => {
    expect(orderSignatureRecipients(null, onDuty)).toEqual(['dr-a', 'dr-b']);
    expect(orderSignatureRecipients(null, [])).toEqual([]);
  });
});
