import { withLeiCheckDigits } from '../../schemas/trade/lei';
import type { CounterpartyIdType, Product } from '../../schemas/trade/fields';
import { Prng } from './prng';

export interface Counterparty {
  id: string;
  idType: CounterpartyIdType;
  /** Quiet counterparties hardly ever trade, which is what makes a burst of theirs stand out. */
  quiet: boolean;
}

export interface Desk {
  name: string;
  traders: readonly string[];
  sourceSystem: SourceSystem;
}

export interface SourceSystem {
  name: string;
  /** Short code used in source trade ids. */
  code: string;
}

export interface ReferenceData {
  bank: { name: string; lei: string };
  /** Active LEI counterparties, most active first (their draw weight falls off with rank). */
  dealers: readonly Counterparty[];
  /** Corporate and fund clients identified by the bank's own client codes. */
  clients: readonly Counterparty[];
  /** LEI counterparties that trade rarely; bursts come from these. */
  quiet: readonly Counterparty[];
  ccps: { krx: string; lch: string };
  desks: Readonly<Record<Product, Desk>>;
  /** A desk for self-dealing wash trades: the other side of the bank. */
  almDesk: Desk;
}

const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
/** Local operating unit prefixes: Korea (KSD), the GLEIF GMEI utility, the UK. */
const LOU_PREFIXES = ['988400', '988400', '549300', '213800', '529900'];

function syntheticLei(rng: Prng): string {
  let body = '';
  for (let i = 0; i < 12; i++) body += rng.pick(ALNUM);
  return withLeiCheckDigits(rng.pick(LOU_PREFIXES) + body);
}

function traders(rng: Prng, count: number): string[] {
  return Array.from({ length: count }, () => `KSB${String(rng.int(1000, 9999))}`);
}

const SYSTEMS = {
  murex: { name: 'MUREX', code: 'MX' },
  summit: { name: 'SUMMIT', code: 'SM' },
  fx: { name: '외환딜링시스템', code: 'FXD' },
  equity: { name: 'EQ-DERIV', code: 'EQ' },
} as const;

/**
 * The bank's static world: reporting entity, ~200 counterparties with valid LEIs, client codes,
 * CCPs, desks with Korean names, traders and source systems. Built from a fixed seed, so every
 * generated file, whatever its own seed, trades with the same counterparty universe.
 */
export function buildReferenceData(): ReferenceData {
  const rng = new Prng('swap-reporting/reference-data/v1');
  const dealers = Array.from({ length: 170 }, () => ({ id: syntheticLei(rng), idType: 'LEI', quiet: false }) as const);
  const quiet = Array.from({ length: 30 }, () => ({ id: syntheticLei(rng), idType: 'LEI', quiet: true }) as const);
  const clients = Array.from(
    { length: 40 },
    (_, i) => ({ id: `KSB-CL.${String(100_001 + i * 37)}`, idType: 'CLIENT', quiet: false }) as const,
  );
  return {
    bank: { name: 'Korea Synthetic Bank', lei: withLeiCheckDigits('988400KSBSWAP7Q2M4') },
    dealers,
    clients,
    quiet,
    ccps: { krx: withLeiCheckDigits('988400KRXCCPSYN001'), lch: withLeiCheckDigits('213800LCHSWAPSYN01') },
    desks: {
      IRS: { name: '금리스왑데스크', traders: traders(rng, 14), sourceSystem: SYSTEMS.murex },
      CCS: { name: '통화스왑데스크', traders: traders(rng, 6), sourceSystem: SYSTEMS.murex },
      FX_SWAP: { name: 'FX스왑데스크', traders: traders(rng, 10), sourceSystem: SYSTEMS.fx },
      CDS: { name: '신용파생데스크', traders: traders(rng, 4), sourceSystem: SYSTEMS.summit },
      // A name with a comma, so consumers meet RFC 4180 quoting in every generated file.
      EQUITY_SWAP: { name: '주식파생데스크 (KOSPI, 개별주)', traders: traders(rng, 5), sourceSystem: SYSTEMS.equity },
    },
    almDesk: { name: 'ALM부 자금운용팀', traders: traders(rng, 3), sourceSystem: SYSTEMS.summit },
  };
}
