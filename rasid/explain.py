"""`rasid explain`: each event with its trigger, the lexicon entry or rule that fired, and its evidence."""
from __future__ import annotations

from rasid.model import Document, Event
from rasid.output import isolate

_BOLD, _RED, _CYAN, _YELLOW, _RESET = "\033[1m", "\033[31m", "\033[36m", "\033[33m", "\033[0m"


def _highlight(doc: Document, ev: Event, color: bool) -> str:
    """The evidence with the trigger marked: in colour on a terminal, else in [brackets]."""
    s, e = ev.evidence.start, ev.evidence.end
    ts, te = max(ev.trigger.start, s), min(ev.trigger.end, e)
    if not (s <= ts < te <= e):
        return isolate(ev.evidence.text)
    before, trig, after = doc.text[s:ts], doc.text[ts:te], doc.text[te:e]
    mark = f"{_BOLD}{_RED}{trig}{_RESET}" if color else f"[{trig}]"
    return isolate(before + mark + after)


def _arg(label: str, a, color: bool) -> str:
    if a is None:
        return f"    {label:<9} -"
    name = f" = {a.name}" if a.name else ""
    ref = f" ({a.ref})" if a.ref else ""
    text = f"{_CYAN}{a.text}{_RESET}" if color else a.text
    return f"    {label:<9} {isolate(text)}{name}{ref}  @{a.start}-{a.end}"


def explain(doc: Document, color: bool = False, dropped: list | None = None) -> str:
    """A coder's view of why each event was coded; with `dropped` ((trigger, reason) pairs from
    `find_events`), also why the other trigger words coded nothing."""
    lines = [f"{len(doc.events)} events; published {doc.published or '?'} ({doc.published_source or 'unknown'})"]
    for w in doc.warnings:
        lines.append(f"warning: {w}")
    for ev in doc.events:
        head = f"{ev.id} {ev.plover}"
        if ev.mode:
            head += f"/{ev.mode}"
        if ev.acled_type:
            head += f"  ACLED {ev.acled_type} / {ev.acled_subtype}"
        head += f"  status {ev.status}" + ("  NEGATED" if ev.negated else "")
        lines.append(f"{_BOLD}{head}{_RESET}" if color else head)
        rule = f"{_YELLOW}{ev.rule}{_RESET}" if color else ev.rule
        lines.append(f"    rule      {rule}   trigger {isolate(ev.trigger.text)} @{ev.trigger.start}-{ev.trigger.end}")
        lines.append(f"    evidence  {_highlight(doc, ev, color)}")
        for extra in ev.mentions:
            lines.append(f"    also      {isolate(extra.text)}")
        lines.append(_arg("actor1", ev.actor1, color))
        lines.append(_arg("actor2", ev.actor2, color))
        lines.append(_arg("location", ev.location, color))
        when = ev.date or (" – ".join(ev.date_range) if ev.date_range else "-")
        lines.append(f"    date      {when} (precision {ev.time_precision or '-'})")
        if ev.fatalities:
            f = ev.fatalities
            lines.append(f"    killed    {f.min}" + (f"–{f.max}" if f.max else "") + (" civilians" if f.civilian else "")
                         + f"  from {isolate(f.text)}")
        for s in ev.sources:
            via = f" via {s.via}" if s.via else ""
            lines.append(f"    source    {isolate(s.text)} = {s.who}{via} ({s.stance})")
        if ev.claimed_by:
            lines.append(f"    claimed   {', '.join(ev.claimed_by)}")
        if ev.denied_by:
            lines.append(f"    denied    {', '.join(ev.denied_by)}")
    for trig, reason in dropped or ():
        word = isolate(doc.text[trig.start:trig.end])
        lines.append(f"dropped {word} @{trig.start}-{trig.end} ({trig.entry.family}:{trig.entry.pos}): {reason}")
    return "\n".join(lines) + "\n"
