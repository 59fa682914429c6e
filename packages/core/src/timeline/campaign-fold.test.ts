import { describe, expect, it } from 'vitest'

import type { ProfileEvent } from '../schemas/event.ts'
import { FOLD_GAP_MS } from './campaign-fold.ts'
import { filterTimeline } from './filter-timeline.ts'
import { page, track } from './test/events.ts'
import { toTimeline } from './to-timeline.ts'

const spring = { email_id: 'e-1', email_subject: 'Spring sale', campaign_id: 'SPRING' }
const steps = (props: Record<string, unknown>, names: readonly string[], from = 0) =>
  names.map((name, i) => track(name, props, from + i * 30))

/** Each entry as `id`, `campaign:<newest>(<count>)` or `burst:<newest>(<count>)`. */
const shape = (events: readonly ProfileEvent[]) =>
  toTimeline(events).map((e) => (e.burst === undefined ? e.id : `${e.id}(${e.burst.count})`))

describe('campaign folds', () => {
  it('folds one email’s sent, delivered, opened and clicked into one row listing its steps', () => {
    const events = steps(spring, ['Email Sent', 'Email Delivered', 'Email Opened', 'Email Clicked'])
    const [entry, ...rest] = toTimeline(events)
    expect(rest).toEqual([])
    expect(entry?.id).toBe(`campaign:${events[3]?.eventId}`)
    expect(entry?.at).toBe(events[3]?.eventTime)
    expect(entry?.kind).toBe('email')
    expect(entry?.title).toEqual({
      id: 'timeline.email.clicked',
      values: { subject: 'Spring sale' },
    })
    // The steps in the order they happened, each with its time.
    expect(entry?.detail).toEqual(
      ['sent', 'delivered', 'opened', 'clicked'].map((step, i) => ({
        label: { id: `timeline.campaign.${step}` },
        value: { type: 'date', at: events[i]?.eventTime },
      }))
    )
    // Every event stays, newest first, for the row to expand.
    expect(entry?.burst).toMatchObject({ count: 4, fold: 'campaign', from: events[0]?.eventTime })
    expect(entry?.burst?.items.map((i) => i.id)).toEqual(events.map((e) => e.eventId).reverse())
  })

  it('lists a repeated step once, at its first time, and keeps the row where the newest step is', () => {
    const sent = track('Email Sent', spring, 0)
    const opened = [track('Email Opened', spring, 60), track('Email Opened', spring, 600)]
    const viewed = page({ path: '/sale' }, 300)
    const timeline = toTimeline([sent, ...opened, viewed])
    expect(timeline.map((e) => e.id)).toEqual([`campaign:${opened[1]?.eventId}`, viewed.eventId])
    expect(timeline[0]?.detail.map((row) => row.value)).toEqual([
      { type: 'date', at: sent.eventTime },
      { type: 'date', at: opened[0]?.eventTime },
    ])
    expect(timeline[0]?.burst?.count).toBe(3)
  })

  it('keeps different emails, steps too far apart and lone events as they are', () => {
    const other = { ...spring, email_id: 'e-2' }
    const lone = track('Email Opened', other, 10)
    const sent = track('Email Sent', spring, 0)
    const late = track('Email Opened', spring, FOLD_GAP_MS / 60_000 + 1)
    expect(shape([sent, lone, late])).toEqual([late.eventId, lone.eventId, sent.eventId])
  })

  it('starts another row at another send of the same email (a template’s id used for every send)', () => {
    const first = steps(spring, ['Email Sent', 'Email Clicked'], 0)
    const second = steps(spring, ['Email Sent', 'Email Delivered'], 10 * 24 * 60)
    expect(shape([...first, ...second])).toEqual([
      `campaign:${String(second[1]?.eventId)}(2)`,
      `campaign:${String(first[1]?.eventId)}(2)`,
    ])
    // Steps stamped with the send's own time, or a little before it by another system's clock,
    // are that send's; a send of the same template two minutes earlier is another.
    const same = [
      track('Email Sent', spring, 0),
      track('Email Delivered', spring, 0),
      track('Email Opened', spring, 60),
    ]
    expect(shape(same)).toEqual([`campaign:${String(same[2]?.eventId)}(3)`])
    const skewed = [
      track('Email Delivered', spring, -0.5),
      track('Email Sent', spring, 0),
      track('Email Opened', spring, 60),
    ]
    expect(shape(skewed)).toEqual([`campaign:${String(skewed[2]?.eventId)}(3)`])
    const twice = [
      track('Email Sent', spring, 0),
      track('Email Delivered', spring, 0.2),
      track('Email Sent', spring, 2),
    ]
    expect(shape(twice)).toEqual([
      String(twice[2]?.eventId),
      `campaign:${String(twice[1]?.eventId)}(2)`,
    ])
    // A send without its "sent" event still joins the steps near it, as before.
    const unsent = steps(spring, ['Email Delivered', 'Email Opened'], 0)
    expect(shape(unsent)).toEqual([`campaign:${String(unsent[1]?.eventId)}(2)`])
  })

  it('keys on the message id, else the campaign and subject; never on nothing', () => {
    const byMessage = steps({ message_id: 'm-1' }, ['Email Sent', 'Email Opened'])
    expect(toTimeline(byMessage)[0]?.burst?.fold).toBe('campaign')
    const byCampaign = steps({ campaign_id: 'K' }, ['Email Sent', 'Email Opened'])
    expect(toTimeline(byCampaign)[0]?.burst?.fold).toBe('campaign')
    const twoSubjects = [
      track('Email Sent', { campaign_id: 'K', email_subject: 'A' }, 0),
      track('Email Sent', { campaign_id: 'K', email_subject: 'B' }, 1),
    ]
    expect(toTimeline(twoSubjects).every((e) => e.burst === undefined)).toBe(true)
    const unkeyed = steps({ email_subject: 'x' }, ['Email Sent', 'Email Opened'])
    expect(toTimeline(unkeyed)).toHaveLength(2)
  })

  it('is cut by a filter like a burst: fewer steps rebuilt, one step alone as itself', () => {
    const events = steps(spring, ['Email Sent', 'Email Delivered', 'Email Opened', 'Email Clicked'])
    const timeline = toTimeline(events)
    const opens = filterTimeline(timeline, { include: ['email_opened', 'email_clicked'] })
    expect(opens).toHaveLength(1)
    expect(opens[0]?.burst?.fold).toBe('campaign')
    expect(opens[0]?.detail.map((row) => row.label)).toEqual([
      { id: 'timeline.campaign.opened' },
      { id: 'timeline.campaign.clicked' },
    ])
    expect(filterTimeline(timeline, { include: ['email_sent'] }).map((e) => e.id)).toEqual([
      events[0]?.eventId,
    ])
  })

  it('never joins a fold into a burst of the same action', () => {
    const a = steps({ email_id: 'a' }, ['Email Sent', 'Email Opened'], 0)
    const b = steps({ email_id: 'b' }, ['Email Sent', 'Email Opened'], 1)
    const c = steps({ email_id: 'c' }, ['Email Sent', 'Email Opened'], 2)
    const timeline = toTimeline([...a, ...b, ...c])
    expect(timeline).toHaveLength(3)
    expect(timeline.every((e) => e.burst?.fold === 'campaign')).toBe(true)
  })
})
