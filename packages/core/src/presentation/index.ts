export * from './presentation-settings.ts'
export * from './header-fields.ts'
