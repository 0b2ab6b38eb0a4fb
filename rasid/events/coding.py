"""PLOVER mode and ACLED type/sub-type from the trigger family and its context.

ACLED's rules (../shared/reference): shelling vs air strike by the weapon; a capture is
"Government regains territory" when state forces or their allies retake ground, else
"Non-state actor overtakes territory"; only states arrest (a group detaining people abducts);
talks, statements, threats and denials have no ACLED category.
"""
from __future__ import annotations

from rasid.model import Argument

AIR_POWER_KINDS = frozenset({"air"})
STATE = 1
ARMED = frozenset({1, 2, 3, 4, 8})  # ACLED's inter codes of state forces, rebels, militias, external forces


def _state_side(actor: Argument | None) -> bool:
    return actor is not None and actor.category == STATE


def weapon_codes(family: str, cues: set[str], actor1: Argument | None) -> list[tuple[str, str, str]]:
    """(mode, acled_type, acled_subtype) for each weapon an ASSAULT names; two for "جويًا ومدفعيًا"."""
    if "chemical" in cues:
        return [("unconventional", "Explosions/Remote violence", "Chemical weapon")]
    if family == "suicide" or "suicide" in cues:
        return [("suicide-attack", "Explosions/Remote violence", "Suicide bomb")]
    if family in ("bombing", "explosion") or "explosive" in cues:
        return [("explosives", "Explosions/Remote violence", "Remote explosive/landmine/IED")]
    air = "aerial" in cues or family in ("airstrike", "barrels")
    drone = "drone" in cues
    artillery = "artillery" in cues or family == "rockets"
    out = []
    if air or drone:
        out.append(("drone" if drone and not air else "aerial", "Explosions/Remote violence", "Air/drone strike"))
    if artillery and family not in ("airstrike", "barrels"):
        out.append(("heavy-weapons", "Explosions/Remote violence", "Shelling/artillery/missile attack"))
    if not out:
        out.append(("heavy-weapons", "Explosions/Remote violence", "Shelling/artillery/missile attack"))
    return out


def code_event(family: str, plover: str, mode: str | None, acled_type: str | None, acled_subtype: str | None,
               cues: set[str], actor1: Argument | None, actor2: Argument | None = None,
               civilians_struck: bool = False, civilians_named: bool = False,
               ) -> list[tuple[str, str | None, str | None, str | None]]:
    """[(plover, mode, acled_type, acled_subtype)] for one trigger; several where one clause tells several.
    `civilians_struck`: the act names civilians as what it struck; `civilians_named`: or as its dead."""
    if family in ("shelling", "airstrike", "barrels", "rockets", "target", "chemical", "bombing", "explosion",
                  "suicide", "blow"):
        return [(plover, m, t, s) for m, t, s in weapon_codes(family, cues, actor1)]
    if family == "attack":
        if cues & {"aerial", "drone", "artillery", "chemical", "suicide", "explosive"}:
            return [(plover, m, t, s) for m, t, s in weapon_codes(family, cues, actor1)]
        if civilians_struck:  # an attack on unarmed people is no battle
            return [(plover, "firearms", "Violence against civilians", "Attack")]
        return [(plover, "firearms", "Battles", "Armed clash")]
    if plover == "PROTEST":  # ACLED: violence by the crowd makes a riot; force against it, intervention
        if "riot" in cues:
            return [(plover, "riot", "Riots", "Violent demonstration")]
        if "killed" in cues:
            return [(plover, mode, "Protests", "Excessive force against protesters")]
        if "intervention" in cues:
            return [(plover, mode, "Protests", "Protest with intervention")]
    if family == "capture":
        if actor1 is not None and actor1.category in (2, 3, 4):
            return [(plover, "seize", "Battles", "Non-state actor overtakes territory")]
        return [(plover, "seize", "Battles", "Government regains territory")]
    if family == "arrest" and actor1 is not None and actor1.category in (2, 3, 4):
        # only states arrest: a group detaining people is an abduction for ACLED, still a COERCE arrest in PLOVER
        return [("COERCE", "arrest", "Violence against civilians", "Abduction/forced disappearance")]
    if family == "killing" and actor2 is not None and actor2.category in ARMED and not civilians_named:
        # "قتل الجيش خمسة مسلحين", "قتلت حماس جنديا إسرائيليا": killing armed men is fighting
        return [(plover, mode, "Battles", "Armed clash")]
    return [(plover, mode, acled_type, acled_subtype)]
