import {
  ketamineBalance,
  ketamineGivenWithoutDraw,
  ketamineWasteSchema,
} from './controlled-substance';

describe('the ketamine balance', () => {
  it('closes when drawn − given − wasted is within 0.1 mg', () => {
    const drawn = { kind: 'drawn' as const, mg: 50 };
    expect(ketamineBalance([drawn], 40.04)).toMatchObject({ balanceMg: 10, closed: false });
    expect(ketamineBalance([drawn, { kind: 'wasted', mg: 10 }], 40.04)).toMatchObject({
      balanceMg: 0,
      closed: true,
      recorded: true,
    });
    expect(ketamineBalance([drawn, { kind: 'wasted', mg: 9.8 }], 40)).toMatchObject({
      balanceMg: 0.2,
      closed: false,
    });
  });

  it('says when nothing was drawn', () => {
    expect(ketamineBalance([], 12)).toMatchObject({ recorded: false, balanceMg: -12 });
  });

  it('finds ketamine given with no draw on record, unless the session predates the record', () => {
    expect(ketamineGivenWithoutDraw(ketamineBalance([], 0.2), false)).toBe(true);
    expect(ketamineGivenWithoutDraw(ketamineBalance([], 0.2), true)).toBe(false);
    expect(ketamineGivenWithoutDraw(ketamineBalance([], 0), false)).toBe(false);
    expect(ketamineGivenWithoutDraw(ketamineBalance([{ kind: 'drawn', mg: 1 }], 0.2), false)).toBe(
      false,
    );
  });

  it('needs the witness’s own username and password', () => {
    expect(ketamineWasteSchema.safeParse({ mg: 5 }).success).toBe(false);
    expect(
      ketamineWasteSchema.safeParse({ mg: 5, witness: { username: 'physician', password: 'x' } })
        .success,
    ).toBe(true);
  });
});
