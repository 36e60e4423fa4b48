/** The coaching domain's types, one module per area. */
export * from './ids';
export * from './people';
export * from './settings';
export * from './calls';
export * from './transcripts';
export * from './annotations';
export * from './rubrics';
export * from './scorecards';
export * from './drills';
export * from './sessions';
export * from './insights';
export * from './recognition';
export * from './team';
export * from './boards';
