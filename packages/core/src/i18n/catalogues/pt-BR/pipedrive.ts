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
  'pipedrive.panel.sharedEmailChosen':
    '{count, plural, one {# cliente do Intilery tem este e-mail.} other {# clientes do Intilery compartilham este e-mail: este é o escolhido no painel do Intilery.}}',
  'pipedrive.panel.chooseCustomer': 'Escolha um no painel do Intilery',
  'pipedrive.panel.openInPipedrive': 'Abrir no Pipedrive',
  'pipedrive.rollup.header': 'Visão geral da conta',
  'pipedrive.rollup.known':
    '{known} de {people, plural, one {# pessoa} other {# pessoas}} conhecidas no Intilery',
  'pipedrive.rollup.totals': 'Valor total: {totals}',
  'pipedrive.error.connectIntilery.title': 'Conectar o Intilery',
  'pipedrive.error.connectIntilery.subtitle':
    'Esta empresa do Pipedrive ainda não está vinculada a um espaço de trabalho do Intilery. Um administrador do Pipedrive a vincula ao instalar o app.',
  'pipedrive.error.connectIntilery.action': 'Conectar o Intilery',
  'pipedrive.error.connectPipedrive.title': 'Conectar o Pipedrive',
  'pipedrive.error.connectPipedrive.subtitle':
    'Instale o app do Intilery para o seu usuário do Pipedrive para ver os dados do cliente aqui.',
  'pipedrive.error.connectPipedrive.action': 'Conectar',
  'pipedrive.error.reconnect.title': 'Reconectar o Pipedrive',
  'pipedrive.error.reconnect.subtitle': 'A conexão com o Intilery expirou ou foi revogada.',
  'pipedrive.error.reconnect.action': 'Reconectar',
  'pipedrive.error.pipedriveDown.title': 'O Pipedrive não respondeu',
  'pipedrive.error.intileryDown.title': 'O Intilery não respondeu',
  'pipedrive.error.retrySoon': 'Recarregue em instantes.',
  'pipedrive.error.notAuthorized.title': 'Não autorizado',
  'pipedrive.error.notAuthorized.subtitle': 'Recarregue a página para tentar de novo.',
  'pipedrive.error.badRequest.title': 'Solicitação inválida',
  'pipedrive.error.tooMany.title': 'Solicitações demais',
  'pipedrive.error.tooMany.subtitle': 'Recarregue em um minuto.',
  'pipedrive.error.refused.title': 'O Intilery recusou o acesso',
  'pipedrive.error.refused.subtitle':
    'Peça ao seu administrador para verificar as credenciais do Intilery no relay.',
  'pipedrive.error.unavailable.title': 'Painel indisponível',
}
