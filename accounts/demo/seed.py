"""Demo vocabulary for lung cancer, a few members with varied profiles, and a local staff account."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Diagnosis, Profile, Stage, Symptom, Treatment, User
from accounts.services import TERMS_VERSION

VOCABULARY = {
    Diagnosis: [
        "Non-small cell lung cancer (NSCLC)",
        "Adenocarcinoma",
        "Squamous cell carcinoma",
        "Large cell carcinoma",
        "Small cell lung cancer (SCLC)",
        "Mesothelioma",
        "Carcinoid tumor",
        "Not sure yet",
    ],
    Stage: ["Stage 0", "Stage 1", "Stage 2", "Stage 3", "Stage 4", "Limited stage", "Extensive stage", "Not sure"],
    Treatment: [
        "Surgery",
        "Radiation therapy",
        "Chemotherapy",
        "Targeted therapy",
        "Immunotherapy",
        "Clinical trial",
        "Palliative care",
        "Pulmonary rehabilitation",
    ],
    Symptom: [
        "Fatigue",
        "Shortness of breath",
        "Cough",
        "Pain",
        "Loss of appetite",
        "Nausea",
        "Anxiety",
        "Trouble sleeping",
    ],
}

# Shared by every demo member, for local use only; README.md states them.
DEMO_PASSWORD = "kindred-demo-2026"
STAFF_EMAIL = "staff@kindred.example"
STAFF_PASSWORD = "kindred-staff-2026"
STAFF_TOTP_SECRET = "KINDREDDEMOSTAFFONLYFORLOCALUSE2"

MEMBERS = [
    {
        "email": "maria@kindred.example",
        "name": "Maria",
        "role": Profile.Role.LIVING_WITH,
        "diagnosis": "Adenocarcinoma",
        "stage": "Stage 4",
        "year": 2024,
        "treatments": ["Targeted therapy", "Radiation therapy"],
        "symptoms": ["Fatigue", "Pain"],
        "region": "Ohio, USA",
        "about": "Diagnosed at 52 after a cough that wouldn't quit. Gardening and my grandkids keep me going.",
    },
    {
        "email": "james@kindred.example",
        "name": "James",
        "role": Profile.Role.CAREGIVER,
        "region": "Leeds, UK",
        "about": "Caring for my wife through her second line of treatment. Here to learn and to listen.",
    },
    {
        "email": "aiko@kindred.example",
        "name": "Aiko",
        "role": Profile.Role.LIVING_WITH,
        "diagnosis": "Non-small cell lung cancer (NSCLC)",
        "stage": "Stage 2",
        "year": 2025,
        "treatments": ["Surgery", "Chemotherapy"],
        "symptoms": ["Shortness of breath"],
        "region": "Ontario, Canada",
        "about": "Lobectomy last spring, slowly getting my breath back with rehab.",
        "private": ["stage"],
    },
    {
        "email": "dev@kindred.example",
        "name": "Dev",
        "role": Profile.Role.FAMILY_FRIEND,
        "region": "California, USA",
        "about": "My dad was diagnosed in March. Trying to understand what he's going through.",
    },
    {
        "email": "rosa@kindred.example",
        "name": "Rosa",
        "role": Profile.Role.LIVING_WITH,
        "diagnosis": "Small cell lung cancer (SCLC)",
        "stage": "Extensive stage",
        "year": 2023,
        "treatments": ["Chemotherapy", "Immunotherapy", "Palliative care"],
        "symptoms": ["Fatigue", "Loss of appetite", "Anxiety"],
        "region": "Madrid, Spain",
        "about": "Two years in. Happy to talk about immunotherapy side effects with anyone starting out.",
        "private": ["symptoms", "year_diagnosed"],
    },
]


def run(*, scale, stdout):
    with transaction.atomic():
        for model, names in VOCABULARY.items():
            for position, name in enumerate(names):
                model.objects.get_or_create(name=name, defaults={"position": position})
        for index, data in enumerate(MEMBERS):
            seed_member(data, joined=timezone.now() - datetime.timedelta(days=30 * (index + 1)))
        # Their passwords are in this repository: in production (HTTPS, or any host but this machine)
        # demo members cannot sign in at all, and there is no demo staff account.
        staff = seed_staff() if not settings.PRODUCTION else None
    stdout.write(
        f"Members: {User.objects.count()} accounts"
        + (f"; staff log-in {staff.email} (local use only, see README)" if staff else "")
        + "."
    )


def seed_member(data, joined):
    user, created = User.objects.get_or_create(
        email=data["email"], defaults={"display_name": data["name"], "date_joined": joined}
    )
    if not created:
        return user
    if settings.PRODUCTION:
        user.set_unusable_password()
    else:
        user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    private = set(data.get("private", []))
    profile = Profile.objects.create(
        user=user,
        role=data["role"],
        diagnosis=Diagnosis.objects.filter(name=data.get("diagnosis")).first(),
        stage=Stage.objects.filter(name=data.get("stage")).first(),
        year_diagnosed=data.get("year"),
        region=data["region"],
        about=data["about"],
        onboarded_at=joined,
        terms_version=TERMS_VERSION,
        terms_accepted_at=joined,
        **{f"{name}_visibility": "only_me" for name in private},
    )
    profile.treatments.set(Treatment.objects.filter(name__in=data.get("treatments", [])))
    profile.symptoms.set(Symptom.objects.filter(name__in=data.get("symptoms", [])))
    return user


def seed_staff():
    user, created = User.objects.get_or_create(
        email=STAFF_EMAIL, defaults={"display_name": "Kindred team", "is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(STAFF_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Profile.objects.create(user=user, onboarded_at=timezone.now())
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, STAFF_TOTP_SECRET)
    return user
