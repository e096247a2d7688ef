import type { Catalogue } from '../vi';

export const evidence: Catalogue['evidence'] = {
};
