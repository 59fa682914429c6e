/**
 * @module i18n/catalogues/es/common
 * Spanish common text (day labels, list tails, empty and error states). Neutral Spanish; sentences use tú, as most Spanish-language SaaS interfaces do.
 */
import type { commonMessages as english } from '../en/common.ts'
import type { Translation } from '../types.ts'

export const commonMessages: Translation<typeof english> = {
  'common.today': 'Hoy',
  'common.yesterday': 'Ayer',
  'common.tomorrow': 'Mañana',
  'common.unknownDate': 'Fecha desconocida',
  'common.yes': 'Sí',
  'common.no': 'No',
  'common.labelValue': '{label}: {value}',
  'common.timeWithRelative': '{time} ({relative})',
  'common.andMore': 'y {count} más',
  'common.moreCount': '{count} más',
  'common.burst.expand': '{count, plural, one {Mostrar # evento} other {Mostrar los # eventos}}',
  'common.burst.collapse': 'Mostrar menos',
  'common.loading': 'Cargando…',
  'common.loadMore': 'Cargar más',
  'common.retry': 'Reintentar',
  'common.refresh': 'Actualizar',
  'common.copy': 'Copiar',
  'common.copied': 'Copiado',
  'common.filter.all': 'Todo',
  'common.kind.email': 'Correos',
  'common.kind.page': 'Páginas',
  'common.kind.screen': 'Pantallas',
  'common.kind.identify': 'Cambios de perfil',
  'common.kind.commerce': 'Compras',
  'common.kind.form': 'Formularios',
  'common.kind.session': 'Sesiones de la app',
  'common.kind.custom': 'Otros eventos',
  'common.empty.timeline': 'Aún no hay actividad.',
  'common.empty.filtered': 'Ninguna actividad coincide con estos filtros.',
  'common.error.notFound': 'No se encontró ningún cliente en Intilery.',
  'common.error.notFoundFor': 'No se encontró ningún cliente en Intilery para {identity}.',
  'common.error.manyMatches':
    '{count, plural, one {Coincide # cliente.} other {Coinciden # clientes. Elige uno:}}',
  'common.error.rateLimited': 'Intilery está ocupado. Inténtalo de nuevo en un momento.',
  'common.error.upstreamDown': 'No se puede conectar con Intilery en este momento.',
  'common.error.timeout': 'Intilery tardó demasiado en responder.',
  'common.error.stale': 'Se muestran datos guardados del {time}.',
  'common.error.unauthorized': 'Tu sesión ha caducado. Vuelve a cargar para continuar.',
  'common.error.misconfigured':
    'Esta app aún no está configurada. Pide a un administrador que revise sus ajustes.',
  'common.error.generic': 'Algo salió mal.',
}
