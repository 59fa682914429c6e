/**
 * @module i18n/catalogues/es/pipedrive
 * Spanish text for why a Pipedrive record shows no customer (Pipedrive’s Spanish terms: trato, organización, persona).
 */
import type { pipedriveMessages as english } from '../en/pipedrive.ts'
import type { Translation } from '../types.ts'

export const pipedriveMessages: Translation<typeof english> = {
  'pipedrive.noCustomer.notFound':
    '{resource, select, deal {Pipedrive no encuentra este trato.} organization {Pipedrive no encuentra esta organización.} other {Pipedrive no encuentra a esta persona.}}',
  'pipedrive.noCustomer.noPerson':
    '{resource, select, deal {Este trato no tiene persona de contacto.} organization {Esta organización no tiene personas.} other {Pipedrive no encuentra a esta persona.}}',
  'pipedrive.noCustomer.noEmail':
    '{resource, select, deal {La persona de contacto de este trato no tiene dirección de correo electrónico.} organization {Ninguna persona de esta organización tiene dirección de correo electrónico.} other {Esta persona no tiene dirección de correo electrónico.}}',
  'pipedrive.noCustomer.noProfile': 'Ningún cliente de Intilery coincide con {emails}.',
  'pipedrive.noCustomer.firstPeopleOnly':
    '{count, plural, one {Solo se comprobó la primera persona de esta organización.} other {Solo se comprobaron las primeras # personas de esta organización.}}',
  'pipedrive.noCustomer.withRemark': '{reason} {remark}',
  'pipedrive.panel.openInIntilery': 'Abrir en Intilery',
  'pipedrive.panel.matchedOn': 'Encontrado por {email}.',
  'pipedrive.panel.sharedEmail':
    '{count, plural, one {# cliente de Intilery tiene este correo.} other {# clientes de Intilery comparten este correo: este es el que tuvo actividad más reciente.}}',
  'pipedrive.panel.sharedEmailChosen':
    '{count, plural, one {# cliente de Intilery tiene este correo.} other {# clientes de Intilery comparten este correo: este es el elegido en el panel de Intilery.}}',
  'pipedrive.panel.chooseCustomer': 'Elige uno en el panel de Intilery',
  'pipedrive.panel.openInPipedrive': 'Abrir en Pipedrive',
  'pipedrive.rollup.header': 'Resumen de la cuenta',
  'pipedrive.rollup.known':
    '{known} de {people, plural, one {# persona} other {# personas}} conocidas en Intilery',
  'pipedrive.rollup.totals': 'Valor total: {totals}',
  'pipedrive.error.connectIntilery.title': 'Conectar Intilery',
  'pipedrive.error.connectIntilery.subtitle':
    'Esta empresa de Pipedrive aún no está vinculada a un espacio de trabajo de Intilery. Un administrador de Pipedrive la vincula al instalar la aplicación.',
  'pipedrive.error.connectIntilery.action': 'Conectar Intilery',
  'pipedrive.error.connectPipedrive.title': 'Conectar Pipedrive',
  'pipedrive.error.connectPipedrive.subtitle':
    'Instala la aplicación de Intilery para tu usuario de Pipedrive para ver aquí los datos del cliente.',
  'pipedrive.error.connectPipedrive.action': 'Conectar',
  'pipedrive.error.reconnect.title': 'Reconectar Pipedrive',
  'pipedrive.error.reconnect.subtitle': 'La conexión con Intilery ha caducado o se ha revocado.',
  'pipedrive.error.reconnect.action': 'Reconectar',
  'pipedrive.error.pipedriveDown.title': 'Pipedrive no respondió',
  'pipedrive.error.intileryDown.title': 'Intilery no respondió',
  'pipedrive.error.retrySoon': 'Vuelve a cargar en un momento.',
  'pipedrive.error.notAuthorized.title': 'No autorizado',
  'pipedrive.error.notAuthorized.subtitle': 'Vuelve a cargar la página para intentarlo de nuevo.',
  'pipedrive.error.badRequest.title': 'Solicitud no válida',
  'pipedrive.error.tooMany.title': 'Demasiadas solicitudes',
  'pipedrive.error.tooMany.subtitle': 'Vuelve a cargar en un minuto.',
  'pipedrive.error.refused.title': 'Intilery denegó el acceso',
  'pipedrive.error.refused.subtitle':
    'Pide a tu administrador que revise las credenciales de Intilery en el relay.',
  'pipedrive.error.unavailable.title': 'Panel no disponible',
}
