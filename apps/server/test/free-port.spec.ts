import { freePort } from '@vigil/testing';
import { readFileSync } from 'node:fs';

describe('freePort (libs/testing)', () => {
  it('never gives this process the same port twice, though the system hands ports out again', async () => {
    const ports: number[] = [];
    // Probed one after another, the system gave about 1 port in 40 a second time (3 to 10 of 300).
    for (let call = 0; call < 300; call += 1) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('gives ports below the ephemeral range, which no outgoing connection takes', async () => {
    const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    expect(ports.filter((port) => port >= Number(ephemeralLow) || port < 10_000)).toEqual([]);
    expect(new Set(ports).size).toBe(ports.length);
  });
});
