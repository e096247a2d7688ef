export * from './organisations';
export * from './users';
export * from './sessions';
export * from './audit';
export * from './notifications';
export * from './campaigns';
export * from './entries';
export * from './scoring';
