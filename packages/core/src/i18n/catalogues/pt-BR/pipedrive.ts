/**
 * @module i18n/catalogues/pt-BR/pipedrive
 * Brazilian Portuguese text for why a Pipedrive record shows no customer (Pipedrive’s terms: negócio, organização, pessoa).
 */
import type { pipedriveMessages as english } from '../en/pipedrive.ts'
import type { Translation } from '../types.ts'

export const pipedriveMessages: Translation<typeof english> = {
  'pipedrive.noCustomer.notFound':
    '{resource, select, deal {O Pipedrive não encontrou este negócio.} organization {O Pipedrive não encontrou esta organização.} other {O Pipedrive não encontrou esta pessoa.}}',
  'pipedrive.noCustomer.noPerson':
    '{resource, select, deal {Este negócio não tem pessoa de contato.} organization {Esta organização não tem pessoas.} other {O Pipedrive não encontrou esta pessoa.}}',
  'pipedrive.noCustomer.noEmail':
    '{resource, select, deal {A pessoa de contato deste negócio não tem endereço de e-mail.} organization {Nenhuma pessoa desta organização tem endereço de e-mail.} other {Esta pessoa não tem endereço de e-mail.}}',
  'pipedrive.noCustomer.noProfile': 'Nenhum cliente da Intilery corresponde a {emails}.',
  'pipedrive.noCustomer.firstPeopleOnly':
    '{count, plural, one {Apenas a primeira pessoa desta organização foi verificada.} other {Apenas as primeiras # pessoas desta organização foram verificadas.}}',
  'pipedrive.noCustomer.withRemark': '{reason} {remark}',
  'pipedrive.panel.openInIntilery': 'Abrir no Intilery',
  'pipedrive.panel.matchedOn': 'Encontrado pelo e-mail {email}.',
  'pipedrive.panel.sharedEmail':
    '{count, plural, one {# cliente do Intilery tem este e-mail.} other {# clientes do Intilery compartilham este e-mail: este é o que teve atividade mais recente.}}',
  'pipedrive.panel.chooseCustomer': 'Escolha um no painel do Intilery',
  'pipedrive.panel.openInPipedrive': 'Abrir no Pipedrive',
  'pipedrive.rollup.header': 'Visão geral da conta',
  'pipedrive.rollup.known':
    '{known} de {people, plural, one {# pessoa} other {# pessoas}} conhecidas no Intilery',
  'pipedrive.rollup.totals': 'Valor total: {totals}',
}
