import type { Catalogue } from '../vi';

export const campaigns: Catalogue['campaigns'] = {
};
