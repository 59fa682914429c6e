export * from './presentation-settings.ts'
