"""The starting set of warning phrases and crisis resources, loaded by a data migration (so a new
site has them from its first day) and by seed_demo. Staff edit both in the admin afterwards.

The English phrases are our own, covering direct and indirect wording about suicide and
self-harm. Helpline numbers are only ones we are sure of; the others are clearly marked
placeholders, switched off until staff have checked and filled them in.
"""

# (phrase, words that may not come just before it, words that may not come just after it)
ENGLISH_PHRASES = [
    # Direct
    ("suicide", "", ""),
    ("suicidal", "", ""),
    ("sucide", "", ""),
    ("kill myself", "", ""),
    ("killing myself", "", ""),
    ("kill my self", "", ""),
    ("end my life", "", ""),
    ("ending my life", "", ""),
    ("end my own life", "", ""),
    ("end to my life", "", ""),
    ("take my own life", "", ""),
    ("taking my own life", "", ""),
    ("take my life", "", "back"),
    ("end it all", "the", ""),
    ("ending it all", "", ""),
    ("unalive myself", "", ""),
    ("hang myself", "", ""),
    ("shoot myself", "", ""),
    ("slit my wrists", "", ""),
    ("jump off a bridge", "", ""),
    ("jump in front of a train", "", ""),
    ("take an overdose", "", ""),
    ("took an overdose", "", ""),
    ("overdose on purpose", "", ""),
    ("stockpiling my pills", "", ""),
    # Wishing to be dead
    ("want to die", "dont, didnt, doesnt, never, not", "at home, peacefully, surrounded, comfortably, with dignity"),
    ("wanted to die", "never, not", ""),
    ("wish i could die", "", ""),
    ("want to be dead", "dont, never, not", ""),
    ("wish i was dead", "", ""),
    ("wish i were dead", "", ""),
    ("better off dead", "", ""),
    ("better off without me", "", ""),
    ("be better off if i was gone", "", ""),
    ("wish i was never born", "", ""),
    ("wish i had never been born", "", ""),
    ("go to sleep and never wake up", "", ""),
    ("dont want to wake up", "", ""),
    # No reason to go on
    ("dont want to live", "", "in, near, at, there, alone, abroad, far, on"),
    ("dont want to be alive", "", ""),
    ("dont want to be here any more", "", ""),
    ("dont want to exist", "", ""),
    ("no reason to live", "", "in, like"),
    ("nothing to live for", "", ""),
    ("no point in living", "", ""),
    ("no point living", "", ""),
    ("no point in going on", "", ""),
    ("whats the point of living", "", ""),
    ("whats the point in living", "", ""),
    ("not worth living", "", ""),
    ("life isnt worth living", "", ""),
    ("tired of living", "", ""),
    ("tired of being alive", "", ""),
    ("cant go on any more", "", ""),
    ("cant go on like this", "", ""),
    ("cant take it any more", "", ""),
    ("cant do this any more", "", ""),
    ("want it all to end", "", ""),
    ("want to disappear forever", "", ""),
    # Self-harm
    ("self harm", "", ""),
    ("self harming", "", ""),
    ("harm myself", "", ""),
    ("harming myself", "", ""),
    ("want to hurt myself", "dont, never, not", ""),
    ("hurt myself on purpose", "", ""),
    ("cutting myself", "", ""),
    ("cut myself on purpose", "", ""),
    ("started cutting again", "", ""),
]

EMERGENCY_NOTE = "If you are in immediate danger, call your local emergency number now."

RESOURCES = [
    {
        "name": "Find A Helpline",
        "description": "Free, confidential helplines around the world, searchable by country.",
        "region": "international",
        "region_name": "International",
        "web_url": "https://findahelpline.com",
        "hours": "Depends on the helpline",
        "sort_order": 0,
    },
    {
        "name": "988 Suicide & Crisis Lifeline",
        "description": "Free, confidential support for anyone in distress.",
        "region": "US",
        "region_name": "United States",
        "region_words": "United States, United States of America, USA, US, America",
        "phone": "988",
        "text": "Text 988",
        "web_url": "https://988lifeline.org",
        "hours": "24 hours a day, every day",
        "sort_order": 10,
    },
    {
        "name": "9-8-8 Suicide Crisis Helpline",
        "description": "Free support for anyone thinking about suicide, or worried about someone.",
        "region": "CA",
        "region_name": "Canada",
        "region_words": "Canada",
        "phone": "988",
        "text": "Text 988",
        "web_url": "https://988.ca",
        "hours": "24 hours a day, every day",
        "sort_order": 10,
    },
    {
        "name": "Samaritans",
        "description": "Free to call, for anyone who is struggling to cope.",
        "region": "GB",
        "region_name": "United Kingdom",
        "region_words": "United Kingdom, UK, Great Britain, Britain, England, Scotland, Wales, Northern Ireland",
        "phone": "116 123",
        "web_url": "https://www.samaritans.org",
        "hours": "24 hours a day, every day",
        "sort_order": 10,
    },
    {
        "name": "Samaritans Ireland",
        "description": "Free to call, for anyone who is struggling to cope.",
        "region": "IE",
        "region_name": "Ireland",
        "region_words": "Ireland, Republic of Ireland, Eire",
        "phone": "116 123",
        "web_url": "https://www.samaritans.org",
        "hours": "24 hours a day, every day",
        "sort_order": 10,
    },
    {
        "name": "Lifeline Australia",
        "description": "Crisis support and suicide prevention.",
        "region": "AU",
        "region_name": "Australia",
        "region_words": "Australia",
        "phone": "13 11 14",
        "web_url": "https://www.lifeline.org.au",
        "hours": "24 hours a day, every day",
        "sort_order": 10,
    },
    {
        "name": "Línea 024",
        "description": "Atención a la conducta suicida: free, confidential support.",
        "region": "ES",
        "region_name": "Spain",
        "region_words": "Spain, España, Espana",
        "phone": "024",
        "hours": "24 hours a day, every day",
        "sort_order": 10,
    },
    {
        # A placeholder: off until staff have checked the service and filled in how to reach it.
        "name": "PLACEHOLDER: New Zealand helpline (to be checked and filled in by staff)",
        "description": "PLACEHOLDER: not shown to members until filled in and switched on.",
        "region": "NZ",
        "region_name": "New Zealand",
        "region_words": "New Zealand, Aotearoa, NZ",
        "sort_order": 10,
        "active": False,
    },
]


def seed_crisis_support(WarningPhrase, CrisisResource):
    """Create what is missing, leave what staff changed. Takes the model classes, so the data
    migration can pass its historical ones."""
    for phrase, not_after, not_before in ENGLISH_PHRASES:
        WarningPhrase.objects.get_or_create(
            language="en", phrase=phrase, defaults={"not_after": not_after, "not_before": not_before}
        )
    for data in RESOURCES:
        data = dict(data)
        CrisisResource.objects.get_or_create(name=data.pop("name"), region=data.pop("region"), defaults=data)
