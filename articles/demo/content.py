"""Demo content for Kindred: experts, topics, articles and editable pages.

Pure data with no Django imports, so ``seed_demo`` and tests can load it cheaply.
Bodies are Markdown (Python-Markdown with the ``admonition`` and ``tables``
extensions); links between articles use their public addresses, ``/resources/<slug>/``.

The experts are fictional people invented for the demo. Dates are relative
(``published_days_ago``, ``reviewed_days_ago``) so the seeded site always looks fresh.
"""

EXPERTS = [
    {
        "slug": "elena-marchetti-vogel",
        "name": "Elena Marchetti-Vogel",
        "credentials": "M.D.",
        "short_bio": (
            "Elena Marchetti-Vogel is a medical oncologist who cares for people with lung cancer and believes good "
            "care starts with a good conversation."
        ),
        "bio": """\
Dr. Elena Marchetti-Vogel is a medical oncologist who has spent most of her career caring for people
with lung and other chest cancers at a busy regional cancer center. She sees people at every stage
of the illness, from the first anxious visit after an abnormal scan to long-term follow-up years
after treatment.

Her clinical interests include biomarker testing, shared decision-making and helping people weigh
the benefits and burdens of treatment in light of what matters most to them. She is known among
colleagues for drawing diagrams on the back of appointment letters so that her patients can take an
explanation home with them.

At Kindred, Dr. Marchetti-Vogel reviews articles about diagnosis and treatment to make sure they are
accurate, balanced and written in language that anyone can follow. Outside the clinic she sings in a
community choir and tends an unruly vegetable garden.
""",
        "color": "#2F6F7E",
    },
    {
        "slug": "samuel-okoro-brandt",
        "name": "Samuel Okoro-Brandt",
        "credentials": "Pharm.D.",
        "short_bio": (
            "Samuel Okoro-Brandt is an oncology pharmacist who helps people understand their cancer medicines and "
            "manage side effects safely."
        ),
        "bio": """\
Dr. Samuel Okoro-Brandt is a clinical pharmacist specializing in cancer care. He works alongside
oncologists and nurses in an outpatient treatment unit, where he checks treatment plans, answers
questions about new medicines and helps people find ways to cope with side effects.

He has a particular interest in medication safety at home, including how cancer treatments interact
with everyday medicines, herbal products and supplements. He often reminds people that there is no
such thing as a silly question about a medicine.

For Kindred, Dr. Okoro-Brandt writes and reviews articles about treatment and side effects. When he
is not at work, he can usually be found cycling country roads or teaching his children to cook.
""",
        "color": "#B0764A",
    },
    {
        "slug": "rosalind-achterberg",
        "name": "Rosalind Achterberg",
        "credentials": "R.N., OCN",
        "short_bio": (
            "Rosalind Achterberg is an oncology nurse navigator who guides people and families through tests, "
            "treatment decisions and the practical side of cancer care."
        ),
        "bio": """\
Rosalind Achterberg is a registered nurse certified in oncology nursing. For more than fifteen years
she has worked as a nurse navigator for people with lung cancer, helping them move from one test or
specialist to the next and making sure nobody falls through the cracks.

Much of her work happens between appointments: returning phone calls, explaining reports, arranging
support and reminding people that their questions matter. She believes that knowing what to expect
takes away some of the fear of the unknown.

At Kindred, Rosalind writes practical guides for people who are newly diagnosed and for the family
and friends who support them. She also reviews articles on caregiving and everyday life with cancer.
""",
        "color": "#5E7FA8",
    },
    {
        "slug": "theo-lindqvist-mbeki",
        "name": "Theo Lindqvist-Mbeki",
        "credentials": "M.D.",
        "short_bio": (
            "Theo Lindqvist-Mbeki is a pulmonologist and palliative care physician focused on breathlessness, "
            "comfort and quality of life."
        ),
        "bio": """\
Dr. Theo Lindqvist-Mbeki trained first as a pulmonologist, a doctor who specializes in the lungs,
and later in palliative medicine. He now divides his time between a breathlessness clinic and a
hospital palliative care team.

His work centers on helping people live as well as possible with lung disease: easing symptoms such
as breathlessness and pain, supporting difficult decisions and making sure families feel included.
He is a strong advocate for bringing palliative care in early, alongside cancer treatment.

For Kindred, Dr. Lindqvist-Mbeki writes about breathing, symptom control and living with advanced
cancer, and he reviews articles on emotional health. He enjoys long walks by the sea, ideally with a
flask of tea.
""",
        "color": "#4F8A6B",
    },
    {
        "slug": "imogen-farrow-takeda",
        "name": "Imogen Farrow-Takeda",
        "credentials": "M.S., R.D.N.",
        "short_bio": (
            "Imogen Farrow-Takeda is an oncology dietitian who helps people eat well, keep their strength and enjoy "
            "food again during treatment."
        ),
        "bio": """\
Imogen Farrow-Takeda is a registered dietitian nutritionist with a master's degree in clinical
nutrition. She works with people having treatment for cancer, helping them manage changes in
appetite, taste, swallowing and weight.

She takes a flexible, realistic approach to food, believing that the best eating plan is one that a
tired person can actually follow. She is wary of diets that promise to cure cancer and would rather
help people find meals they enjoy.

At Kindred, Imogen writes about nutrition and everyday wellbeing. At home she experiments with
soups, bakes bread badly and grows herbs on a crowded windowsill.
""",
        "color": "#A8615E",
    },
    {
        "slug": "jonah-whitcombe-asante",
        "name": "Jonah Whitcombe-Asante",
        "credentials": "Ph.D.",
        "short_bio": (
            "Jonah Whitcombe-Asante is a clinical psychologist who supports people with cancer and their families "
            "through worry, grief and change."
        ),
        "bio": """\
Dr. Jonah Whitcombe-Asante is a clinical psychologist who specializes in psycho-oncology, the
emotional and social side of living with cancer. He works with people with cancer, their partners
and their families, both one to one and in support groups.

His interests include anxiety around scans and results, the stigma that people with lung cancer
sometimes face, and the wellbeing of caregivers. He believes that nobody should have to carry the
emotional weight of cancer on their own.

For Kindred, Dr. Whitcombe-Asante writes about emotional health and caregiving. He spends his free
time playing chess badly and walking his very patient dog.
""",
        "color": "#7A6A9E",
    },
]

TOPICS = [
    {
        "slug": "diagnosis",
        "name": "Diagnosis",
        "description": (
            "What happens when lung cancer is suspected or confirmed: scans, biopsies, staging, biomarker tests and "
            "how to make sense of the results."
        ),
    },
    {
        "slug": "treatment",
        "name": "Treatment",
        "description": (
            "How surgery, radiation, chemotherapy, targeted therapy and immunotherapy work, and how you and your "
            "care team decide on a plan."
        ),
    },
    {
        "slug": "side-effects",
        "name": "Side effects and symptoms",
        "description": (
            "Practical ways to ease fatigue, nausea, breathlessness, pain and other symptoms, and when to call your "
            "care team."
        ),
    },
    {
        "slug": "living-well",
        "name": "Living well",
        "description": "Food, movement, sleep, feelings and the everyday life that carries on alongside lung cancer.",
    },
    {
        "slug": "caregiving",
        "name": "Caregiving",
        "description": (
            "Support for partners, family and friends who care for someone with lung cancer, and for their own "
            "wellbeing."
        ),
    },
]

ARTICLES = [
    {
        "slug": "understanding-your-lung-cancer-diagnosis",
        "title": "Getting a Lung Cancer Diagnosis: What Your Tests Mean",
        "lead": (
            "A lung cancer diagnosis usually comes together over several weeks and many tests. Here is a "
            "plain-language guide to what each test looks for and how the results shape your care."
        ),
        "topics": ["diagnosis"],
        "author": "rosalind-achterberg",
        "reviewer": "elena-marchetti-vogel",
        "published_days_ago": 240,
        "reviewed_days_ago": 30,
        "hero": {
            "motif": "path",
            "alt": "Abstract illustration of a pale path winding through soft blue and sand-colored hills.",
            "caption": "A winding path through soft hills, an abstract picture of the steps that lead to a diagnosis.",
            "credit": "Illustration: Kindred",
        },
        "sources": [
            {
                "title": "Lung Cancer",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/types/lung",
                "year": 2024,
            },
            {
                "title": "Cancer Diagnosis and Staging",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/about-cancer/diagnosis-staging",
                "year": 2024,
            },
            {
                "title": "Lung Cancer",
                "publisher": "American Cancer Society",
                "url": "https://www.cancer.org/cancer/types/lung-cancer.html",
                "year": 2024,
            },
            {
                "title": "Lung cancer: Diagnosis",
                "publisher": "NHS",
                "url": "https://www.nhs.uk/conditions/lung-cancer/diagnosis/",
                "year": 2023,
            },
            {
                "title": "Lung Cancer",
                "publisher": "MedlinePlus, National Library of Medicine",
                "url": "https://medlineplus.gov/lungcancer.html",
                "year": 2024,
            },
        ],
        "body": """\
Hearing the words "lung cancer" can make a room go quiet. Many people describe feeling numb,
frightened or oddly calm, and all of those reactions are normal. What usually follows is a stretch
of appointments, scans and procedures that can feel like a blur. Knowing what each test is for can
make that stretch a little less bewildering.

This guide explains the tests you are most likely to meet and how the results fit together. Your own
path may differ, so use it as a map to talk over with your doctors.

## The first days after a possible diagnosis

Lung cancer is often first suspected when a chest X-ray or CT scan shows something unexpected,
sometimes during a check for a different problem. A suspicious shadow or nodule does not confirm
cancer on its own. Many nodules turn out to be scars, old infections or other harmless changes. To
know for sure, your team needs more information, and that usually means several tests over a few
weeks.

Waiting is hard. It can help to keep a notebook, or a note on your phone, where you write down
appointment dates, the names of the people you meet and questions as they come to you. A friend or
relative at appointments can catch details that are easy to miss when you are anxious.

!!! note "A tip for appointment days"
    Ask whether you can have copies of your scan reports and pathology results. Reports are written
    for doctors, so you may want to go through them with a nurse who can explain the terms.

## Imaging tests: a look inside your chest

Imaging tests help your team see where a tumor is, how big it is and whether there are signs that it
has spread.

### CT scan

A computed tomography (CT) scan uses X-rays to make detailed cross-section pictures. You lie on a
table that slides through a ring-shaped machine. Sometimes a contrast dye is given through a vein to
make blood vessels and certain tissues easier to see.

### PET-CT scan

A positron emission tomography (PET) scan uses a small amount of a radioactive sugar. Very active
cells, including many cancer cells, tend to take up more of this sugar and show up brighter on the
images. A PET scan is often combined with a CT scan so that bright areas can be matched to exact
locations. Inflammation and infection can also light up, so a bright spot is a clue rather than an
answer.

### MRI of the brain

Because lung cancer can sometimes spread to the brain, your team may recommend a magnetic resonance
imaging (MRI) scan of the head, even if you have no symptoms there. An MRI uses magnets and radio
waves instead of X-rays. It is noisy, and lying still in the tunnel can feel confining, so let the
staff know if you are uneasy in small spaces.

## Biopsy: finding out what the cells are

Imaging can raise or lower suspicion, but a cancer diagnosis is usually confirmed by looking at
cells or tissue under a microscope. Taking that sample is called a biopsy. The type of biopsy
depends on where the abnormal area is and on your overall health.

- **Bronchoscopy.** A thin, flexible tube with a camera is passed through your nose or mouth into
  your airways, and small tools take samples from inside the lung.
- **Endobronchial ultrasound (EBUS).** A bronchoscope fitted with an ultrasound probe lets the
  doctor sample lymph nodes in the chest, which also helps with staging.
- **Needle biopsy.** Guided by a CT scan, a fine needle is passed through the chest wall into the
  area of concern.
- **Fluid sampling.** If fluid has collected around the lung, draining some of it can ease breathing
  and allows the fluid to be checked for cancer cells.

Your team will explain how to prepare. Ask how long results are likely to take; waiting a week or
more is common.

## Small cell or non-small cell?

The pathologist who examines your sample will identify the type of lung cancer. The two main groups
behave differently and are treated differently.

- **Non-small cell lung cancer (NSCLC)** is the most common group. It includes adenocarcinoma,
  squamous cell carcinoma and large cell carcinoma.
- **Small cell lung cancer (SCLC)** is less common and tends to grow and spread more quickly.

## Staging: how far the cancer has spread

Staging describes the size of the tumor, whether nearby lymph nodes are involved and whether the
cancer has reached other parts of the body. Non-small cell lung cancer is usually staged from 1 to
4, with higher numbers meaning more spread. Small cell lung cancer is often described as limited or
extensive. Your stage is pieced together from several tests, so it may not be final until all the
results are in.

| Test | What it looks for | What it is like |
|---|---|---|
| CT scan | Size and position of the tumor | A few minutes lying still |
| PET-CT scan | Active areas that may be cancer | An injection, a rest, then a scan |
| Brain MRI | Spread to the brain | A noisy scan inside a tunnel |
| Biopsy | Whether cells are cancer, and which type | Varies; sedation is common |
| Biomarker tests | Changes that may guide treatment | Uses tissue or a blood sample |

## Biomarker testing

For many people with non-small cell lung cancer, especially adenocarcinoma, the tumor sample is
checked for specific changes in genes or proteins. These are often called biomarkers. Examples
include changes in genes such as EGFR, ALK or KRAS, and the level of a protein called PD-L1. Some
findings may point toward targeted therapy or immunotherapy. When tissue is limited, testing can
sometimes be done on a blood sample, known as a liquid biopsy.

Biomarker results can take longer than the first diagnosis. It is reasonable to ask whether testing
has been ordered and when results are expected, because they may affect which treatment is
recommended first.

## Making sense of your results

Once your tests are complete, your team will usually meet with you to explain the type and stage of
the cancer and what they suggest. Many hospitals discuss each person's case at a meeting of
specialists, sometimes called a tumor board, so that several experts contribute to your plan.

- Ask your team to show you on the scan where the cancer is.
- Ask what the stage means for your treatment choices, not only for statistics.
- Tell them what matters most to you, such as work, family events or staying active.
- Ask who to call if questions come up after you get home.

You do not have to take in everything at one visit. Our guide to [questions to ask your
doctor](/resources/questions-to-ask-your-doctor/) can help you prepare, and [an overview of
treatment options](/resources/lung-cancer-treatment-options/) explains what may come next. Talking
with Kindred members who have been there can make this stage feel less lonely.
""",
    },
    {
        "slug": "lung-cancer-treatment-options",
        "title": "Lung Cancer Treatment Options: An Overview",
        "lead": (
            "Surgery, radiation, chemotherapy, targeted therapy and immunotherapy each work in a different way. "
            "Learn what they involve and why your care team might suggest one or combine several."
        ),
        "topics": ["treatment"],
        "author": "samuel-okoro-brandt",
        "reviewer": "elena-marchetti-vogel",
        "published_days_ago": 200,
        "reviewed_days_ago": 200,
        "hero": {
            "motif": "circles",
            "alt": "Abstract illustration of overlapping translucent circles in teal, blue and sand.",
            "caption": (
                "Overlapping circles in teal and sand, standing for the different treatments that can work together."
            ),
            "credit": "Illustration: Kindred",
        },
        "sources": [
            {
                "title": "Types of Cancer Treatment",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/about-cancer/treatment/types",
                "year": 2024,
            },
            {
                "title": "Lung Cancer",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/types/lung",
                "year": 2024,
            },
            {
                "title": "Lung Cancer",
                "publisher": "American Cancer Society",
                "url": "https://www.cancer.org/cancer/types/lung-cancer.html",
                "year": 2024,
            },
            {
                "title": "Lung cancer: Treatment",
                "publisher": "NHS",
                "url": "https://www.nhs.uk/conditions/lung-cancer/treatment/",
                "year": 2023,
            },
            {
                "title": "Lung Cancer - Non-Small Cell",
                "publisher": "Cancer.Net, American Society of Clinical Oncology",
                "url": "https://www.cancer.net/cancer-types/lung-cancer-non-small-cell",
                "year": 2024,
            },
        ],
        "body": """\
There is no single treatment for lung cancer. Instead, your care team looks at many details about
you and your cancer and suggests a plan that may use one treatment or several, one after another or
at the same time. The options have grown a great deal in recent years, which brings hope and also a
lot of new vocabulary.

This overview describes the main kinds of treatment in general terms. It is not a guide to what you
should choose. Your oncologist, nurses and pharmacist are the best people to explain how each option
applies to you.

## How your team shapes a treatment plan

Treatment recommendations usually depend on a combination of factors:

- **The type of lung cancer**, such as non-small cell or small cell.
- **The stage**, which describes how far the cancer has spread.
- **Biomarker results** from tests on the tumor or blood, which may point toward specific medicines.
- **Your overall health**, including how well your lungs and heart work and any other conditions you
  live with.
- **What matters to you**, such as how you feel about side effects, travel to appointments and your
  goals for the months ahead.

If you are newly diagnosed, our guide to [what your tests
mean](/resources/understanding-your-lung-cancer-diagnosis/) explains how type, stage and biomarkers
are worked out.

| Treatment | How it works | How it is usually given |
|---|---|---|
| Surgery | Removes the tumor and nearby tissue | An operation in hospital |
| Radiation | Focused energy damages cancer cells | Short sessions over days or weeks |
| Chemotherapy | Medicines that affect fast-dividing cells | Through a vein, in cycles |
| Targeted therapy | Blocks specific changes in cancer cells | Often tablets taken at home |
| Immunotherapy | Helps the immune system find cancer | Through a vein, every few weeks |

## Surgery

When lung cancer is found early and has not spread far, surgery may offer the chance to remove it
completely. Depending on the size and position of the tumor, a surgeon may remove a small wedge of
lung, a whole lobe or, less often, an entire lung. Nearby lymph nodes are usually removed too, so
they can be checked for cancer.

Many operations are now done through small cuts with the help of a camera, sometimes called keyhole
or minimally invasive surgery. Not everyone can have surgery. Your team will check your breathing
and heart carefully beforehand, because you need enough healthy lung to breathe comfortably
afterwards.

### What recovery can look like

Recovery varies from person to person. Some people are walking the corridor within a day or two and
are home within a week, while others need longer. Breathing exercises, gentle movement and good pain
relief all play a part. It is common to feel tired for several weeks.

## Radiation therapy

Radiation therapy uses carefully aimed beams of energy to damage cancer cells. It may be the main
treatment for people who cannot have surgery, or it may be used after surgery, together with
chemotherapy, or to ease symptoms such as pain or breathlessness caused by cancer that has spread.

One approach, called stereotactic body radiation therapy (SBRT), delivers a concentrated treatment
to a small area in only a few sessions. Other courses involve short daily sessions over several
weeks. The treatment itself is painless, although side effects such as tiredness, skin changes or a
sore throat may build up over time.

## Chemotherapy

Chemotherapy uses medicines that travel through the bloodstream and affect cells that divide
quickly, including cancer cells. It is usually given through a vein in cycles, with rest periods in
between so your body can recover. It may be given before or after surgery, alongside radiation or
together with immunotherapy.

Because chemotherapy also affects some healthy cells, side effects such as fatigue, nausea, hair
thinning and a higher risk of infection are possible. Many of these can be prevented or eased, so it
helps to report them early. Our article on [managing fatigue, nausea and appetite
changes](/resources/managing-fatigue-nausea-and-appetite/) has practical ideas.

## Targeted therapy

Some lung cancers, most often adenocarcinomas, carry particular changes in their genes or proteins
that help them grow. Targeted therapies are medicines designed to block some of those changes. They
are generally an option only when biomarker testing finds a change that a medicine is designed for,
which is one reason this testing matters.

Many targeted therapies are taken as tablets at home. Their side effects tend to differ from those
of chemotherapy and, depending on the medicine, can include skin rashes, diarrhea or swelling. Your
pharmacist can explain what to watch for and how the medicine may interact with other drugs,
supplements or foods.

## Immunotherapy

Your immune system normally finds and clears away damaged cells, but cancer cells can find ways to
hide from it. Immunotherapy medicines called checkpoint inhibitors help the immune system recognize
and attack cancer cells again. They may be used alone or with chemotherapy, and in some situations
after surgery or radiation.

Because immunotherapy works by stirring up the immune system, it can sometimes cause inflammation in
healthy organs such as the skin, bowel, lungs or thyroid. These effects can appear weeks or even
months after starting. Tell your team promptly about new symptoms like a cough, diarrhea or a rash,
even if they seem minor.

!!! note "Ask about clinical trials"
    Clinical trials test new treatments or new ways of using existing ones. They may be an option at
    many stages of lung cancer, not only when other treatments have stopped working. Ask your team
    whether a trial might suit you.

## Supportive and palliative care

Palliative care focuses on easing symptoms and supporting your quality of life. It is not only for
the end of life; it can be offered alongside any treatment, starting from diagnosis. A palliative
care team can help with pain, breathlessness, sleep, mood and difficult decisions, and can support
the people close to you as well.

Whatever plan you and your team choose, it can change over time. Treatments are adjusted based on
how well they work and how you feel. Bringing a list of [questions for your
doctor](/resources/questions-to-ask-your-doctor/) to each visit can help you stay part of those
decisions.
""",
    },
    {
        "slug": "managing-fatigue-nausea-and-appetite",
        "title": "Managing Common Side Effects: Fatigue, Nausea and Appetite Changes",
        "lead": (
            "Tiredness, queasiness and a fading appetite are among the most common side effects of lung cancer "
            "treatment. These everyday strategies may help, alongside support from your care team."
        ),
        "topics": ["side-effects", "living-well"],
        "author": "samuel-okoro-brandt",
        "reviewer": "rosalind-achterberg",
        "published_days_ago": 150,
        "reviewed_days_ago": 45,
        "hero": {
            "motif": "waves",
            "alt": "Abstract illustration of layered soft waves in blue and sand tones.",
            "caption": "Gentle waves in blue and sand, a reminder that side effects often come and go.",
            "credit": "Illustration: Kindred",
        },
        "sources": [
            {
                "title": "Side Effects of Cancer Treatment",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/about-cancer/treatment/side-effects",
                "year": 2024,
            },
            {
                "title": "Managing Cancer-related Side Effects",
                "publisher": "American Cancer Society",
                "url": "https://www.cancer.org/cancer/managing-cancer/side-effects.html",
                "year": 2024,
            },
            {
                "title": "Lung cancer",
                "publisher": "Macmillan Cancer Support",
                "url": "https://www.macmillan.org.uk/cancer-information-and-support/lung-cancer",
                "year": 2023,
            },
            {
                "title": "Cancer Chemotherapy",
                "publisher": "MedlinePlus, National Library of Medicine",
                "url": "https://medlineplus.gov/cancerchemotherapy.html",
                "year": 2024,
            },
        ],
        "body": """\
Side effects are one of the things people worry about most when they start treatment for lung
cancer. Some people have very few, while others find that side effects shape much of their day. Most
can be eased, and your care team would much rather hear about a problem early than find out later
that you struggled in silence.

This article focuses on three of the most common concerns: fatigue, nausea and changes in appetite.
The ideas here are general. Check with your care team before trying something new, especially
supplements or over-the-counter remedies, as some can interact with cancer treatment.

## Why side effects happen

Chemotherapy, radiation, targeted therapy and immunotherapy each affect the body in different ways.
Chemotherapy acts on fast-growing cells, including those lining the gut and those in the bone
marrow. Radiation can cause tiredness and irritation in the area being treated. The cancer itself,
poor sleep, pain, low mood and anemia (a low red blood cell count) can all add to how you feel.
Because so many things overlap, it is worth telling your team about any change rather than guessing
at the cause.

## Fatigue

Cancer-related fatigue is different from ordinary tiredness. It can feel like a heavy, whole-body
exhaustion that does not lift after a night's sleep. Some people describe it as running on an empty
tank. It is one of the most common symptoms during and after treatment, and it can affect
concentration and mood as well as energy.

### Ideas that may help

- **Pace yourself.** Plan demanding tasks for the time of day when you usually feel best, and break
  big jobs into smaller steps.
- **Keep moving, gently.** It may sound backwards, but light activity such as short walks often
  eases fatigue. Ask your team what level of activity is safe for you.
- **Rest without overdoing it.** Short naps can refresh you, but long daytime sleeps may make it
  harder to sleep at night.
- **Accept offers of help.** Friends and family often want to do something useful. Shopping, cooking
  and school runs are ideal jobs to hand over.
- **Protect your sleep.** A regular bedtime, a cool dark room and less screen time in the evening
  may help.

### When to mention it to your team

Tell your care team if fatigue stops you from doing everyday things, gets suddenly worse, or comes
with breathlessness, dizziness or a racing heart. They may look for treatable causes such as anemia,
thyroid changes, low mood or the effects of other medicines.

## Nausea and vomiting

Feeling sick to your stomach used to be one of the most feared parts of chemotherapy. Today,
anti-sickness medicines work well for many people, and they are often given before treatment to
prevent nausea rather than to treat it once it starts. If the medicines you have been given are not
working, let your team know, because there are other options.

- Eat small amounts often instead of three large meals.
- Try dry, plain foods such as crackers or toast, especially first thing in the morning.
- Sip fluids slowly through the day rather than drinking a lot at once.
- Cold or room-temperature foods may be easier because they smell less.
- If cooking smells bother you, ask someone else to cook, and get fresh air when you can.
- Take anti-sickness medicine exactly as your team advised, even on days you feel fine.

!!! warning "Seek medical attention right away"
    Contact your care team's urgent number or your local emergency number straight away if you
    cannot keep any fluids down, have signs of dehydration such as dizziness or very dark urine,
    vomit blood, or develop a fever, shivering or feel suddenly unwell while having chemotherapy.
    During treatment, an infection can become serious quickly.

## Changes in appetite and taste

Treatment can change how food tastes and smells. Some people find that food tastes metallic, bland
or too salty, or that favorite meals suddenly seem unappealing. Others lose interest in eating
altogether. Over time, eating too little can lead to weight loss and reduced strength, so it is
worth paying attention to.

- Eat by the clock rather than waiting to feel hungry.
- Keep easy snacks within reach, such as yogurt, nuts, cheese or smoothies.
- If food tastes metallic, try plastic cutlery, and add flavor with herbs, lemon or marinades.
- Make every mouthful count with nourishing foods and drinks when your appetite is small.
- Rinse your mouth before meals to freshen your sense of taste.

Our guide to [eating well during treatment](/resources/eating-well-during-lung-cancer-treatment/)
goes into more detail, and a registered dietitian can give advice tailored to you.

## Keeping track of how you feel

A simple symptom diary can help you and your team spot patterns, such as nausea that peaks a few
days after each treatment. It also makes it easier to remember details during appointments. It does
not need to be elaborate:

| Day | Energy (0 to 10) | Nausea | What I managed to eat | Notes |
|---|---|---|---|---|
| Monday | 6 | None | Toast, soup, a smoothie | Short walk at lunch |
| Tuesday | 3 | Mild | Crackers, yogurt | Napped twice |
| Wednesday | 4 | Mild | Porridge, chicken, rice | Better by evening |

## You do not have to just put up with it

It is easy to feel that side effects are simply the price of treatment, or to worry that mentioning
them will mean your treatment is stopped. In reality, reporting side effects helps your team adjust
medicines, timing or support so you can keep going as comfortably as possible. Many Kindred members
share the small tricks that got them through a tough week, and you may find ideas there that no
leaflet mentions.
""",
    },
    {
        "slug": "lung-cancer-bone-metastasis",
        "title": "When Lung Cancer Spreads to the Bones: What to Know",
        "lead": (
            "Bones are one of the places lung cancer can spread. Learn how bone metastases may show up, how they are "
            "found and treated, and which symptoms need urgent attention."
        ),
        "topics": ["treatment", "side-effects"],
        "author": "elena-marchetti-vogel",
        "reviewer": "theo-lindqvist-mbeki",
        "published_days_ago": 12,
        "reviewed_days_ago": 12,
        "hero": {
            "motif": "leaves",
            "alt": "Abstract illustration of rounded leaves along a gently curving stem.",
            "caption": "Leaves on a steady stem, an abstract picture of strength and support.",
            "credit": "Illustration: Kindred",
        },
        "sources": [
            {
                "title": "Lung Cancer",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/types/lung",
                "year": 2024,
            },
            {
                "title": "Advanced Cancer",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/about-cancer/advanced-cancer",
                "year": 2024,
            },
            {
                "title": "Lung Cancer",
                "publisher": "American Cancer Society",
                "url": "https://www.cancer.org/cancer/types/lung-cancer.html",
                "year": 2024,
            },
            {
                "title": "Lung cancer",
                "publisher": "Cancer Research UK",
                "url": "https://www.cancerresearchuk.org/about-cancer/lung-cancer",
                "year": 2023,
            },
            {
                "title": "Lung cancer",
                "publisher": "NHS",
                "url": "https://www.nhs.uk/conditions/lung-cancer/",
                "year": 2023,
            },
        ],
        "body": """\
When lung cancer spreads beyond the chest, the bones are among the places it may reach. Hearing that
cancer has spread to your bones can be frightening, and it often raises questions about pain,
getting around and what comes next. Although bone metastases usually mean the cancer is advanced,
there are many ways to ease symptoms, protect your bones and help you stay as active as possible.

This article explains what bone metastasis is, the signs to look out for and the kinds of care that
may help. Your own team can tell you how this information applies to you.

## What bone metastasis means

Metastasis is the medical word for cancer spreading from where it started to another part of the
body. When lung cancer cells travel through the bloodstream and settle in a bone, the new growths
are called bone metastases. They are still lung cancer, not bone cancer, which is why they are
usually treated with medicines aimed at lung cancer.

Healthy bone is living tissue that is constantly being broken down and rebuilt. Cancer cells in the
bone can upset that balance. Often they speed up the breakdown, which can weaken the bone and
release calcium into the blood. The spine, pelvis, ribs and the long bones of the arms and legs are
common sites.

## Signs and symptoms

Some people have no symptoms at all, and bone metastases are found on a scan. Others notice changes
such as:

- **Bone pain.** This is the most common symptom. It may begin as an ache that comes and goes and
  become more constant over time. It is often worse at night or at rest.
- **Fractures.** A weakened bone may break after a minor bump or fall, or even during everyday
  movement.
- **High calcium levels.** Known as hypercalcemia, this can cause thirst, passing more urine,
  constipation, nausea, tiredness and confusion.
- **Pressure on the spinal cord or nerves.** A growth in the spine can press on nerves and cause
  pain, numbness, tingling or weakness.

!!! warning "Seek medical attention right away"
    Call your care team's urgent number or your local emergency number straight away if you have new
    or worsening back or neck pain together with weakness, numbness or tingling in your legs or
    arms, difficulty walking, or loss of control of your bladder or bowels. These can be signs of
    spinal cord compression, which needs urgent treatment to help protect movement and feeling. Also
    get help quickly for sudden severe pain after a minor fall, being unable to put weight on a leg,
    or new confusion, extreme thirst or unusual drowsiness.

## How bone metastases are found

If your team suspects that cancer has reached the bone, they may suggest one or more of these tests:

- **Bone scan.** A small amount of radioactive tracer is injected, and a special camera shows areas
  where bone is changing.
- **PET-CT scan.** Often used when lung cancer is first staged, it can also show bone involvement.
- **MRI.** Gives detailed pictures of the spine and nerves, and is the usual test when spinal cord
  compression is a concern.
- **X-rays or CT scans.** Show whether a particular bone is weakened or broken.
- **Blood tests.** Check calcium levels and other signs of bone health.

## Treatment options

Care for bone metastases has two aims: controlling the cancer and looking after the bone itself.
Most people have a combination of approaches.

### Treating the cancer throughout the body

Treatments that travel through the whole body, such as chemotherapy, targeted therapy or
immunotherapy, can slow cancer growth in the bones as well as elsewhere. The choice depends on the
type of lung cancer and your biomarker results. Our [overview of treatment
options](/resources/lung-cancer-treatment-options/) explains each of these.

### Radiation for painful areas

Radiation therapy aimed at a painful bone can often reduce pain, sometimes after just one or a few
sessions. It may also be used to lower the risk of a fracture or to relieve pressure on the spinal
cord.

### Bone-strengthening medicines

Medicines that slow bone breakdown may lower the risk of fractures and other bone problems, and can
help control high calcium levels. They are usually given as an injection or infusion. Your team may
suggest a dental check before you start, because in rare cases these medicines can affect the
jawbone, so let your dentist know you are having them.

### Surgery and other procedures

If a bone has broken or is at high risk of breaking, surgery may be used to support it with rods,
plates or screws. For some bones in the spine, a procedure that injects a kind of bone cement may
ease pain and add stability.

## Managing pain

Bone pain can usually be eased, and you deserve good pain control. A combination often works best,
including pain medicines, radiation and support from a palliative care or pain team. Tell your team
how much pain you have, when it happens and what makes it better or worse. Describing it on a scale
from 0 to 10 can help everyone track whether treatment is working.

- Take pain medicine as prescribed rather than waiting until pain becomes severe.
- Ask about preventing constipation, a common side effect of some pain medicines.
- Warmth, gentle stretching or relaxation exercises help some people; check with your team first.

## Protecting your bones day to day

Small changes at home can lower the chance of a fall and help you stay independent.

- Clear trip hazards such as loose rugs and trailing cables, and use night lights.
- Ask a physiotherapist or occupational therapist about safe ways to move, lift and exercise.
- Use walking aids or grab rails if they are suggested.
- Ask your team whether calcium or vitamin D is right for you before taking supplements.

## Living with bone metastases

Learning that cancer has spread is hard news, and it is natural to feel shaken, angry or sad. With
the right support, many people keep doing things they enjoy for a long time. Talking with others who
have faced the same news can help. Our article on [emotional health and finding
support](/resources/emotional-health-and-finding-support/) has ideas, and you can connect with
people who understand in the Kindred community.
""",
    },
    {
        "slug": "caring-for-someone-with-lung-cancer",
        "title": "Caring for Someone With Lung Cancer, and for Yourself",
        "lead": (
            "Supporting someone through lung cancer can be meaningful and exhausting at the same time. Here are "
            "practical ways to help, and a reminder that your own health matters too."
        ),
        "topics": ["caregiving", "living-well"],
        "author": "jonah-whitcombe-asante",
        "reviewer": "rosalind-achterberg",
        "published_days_ago": 95,
        "reviewed_days_ago": 95,
        "hero": {
            "motif": "hands",
            "alt": "Abstract illustration of two curved shapes like open hands around a warm glowing circle.",
            "caption": "Two open hands cradling a warm light, an abstract picture of care given and received.",
            "credit": "Illustration: Kindred",
        },
        "sources": [
            {
                "title": "Support for Caregivers of Cancer Patients",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/about-cancer/coping/family-friends",
                "year": 2024,
            },
            {
                "title": "Caregivers",
                "publisher": "MedlinePlus, National Library of Medicine",
                "url": "https://medlineplus.gov/caregivers.html",
                "year": 2024,
            },
            {
                "title": "Family Caregiver Alliance",
                "publisher": "Family Caregiver Alliance",
                "url": "https://www.caregiver.org/",
                "year": 2024,
            },
            {
                "title": "Carers UK",
                "publisher": "Carers UK",
                "url": "https://www.carersuk.org/",
                "year": 2024,
            },
        ],
        "body": """\
When someone you love is diagnosed with lung cancer, you may find yourself in a role you never
expected. Perhaps you are a partner, an adult child, a sibling or a close friend. You might be
driving to appointments, keeping track of medicines, cooking, handling paperwork and offering
comfort, often while keeping up with your own work and family.

Caregiving can bring moments of closeness and purpose. It can also be tiring, lonely and
frightening. Both can be true at once. This guide offers practical ideas for supporting the person
you care for, and a reminder that looking after yourself is part of the job, not a distraction from
it.

## What caregiving can involve

Every caregiving role is different, and it often changes as treatment goes on. You may help with
some of the following:

- Going to appointments, taking notes and asking questions
- Keeping track of medicines, side effects and appointment dates
- Cooking, shopping, cleaning and other household tasks
- Helping with washing, dressing or moving around, especially after surgery
- Dealing with insurance, benefits, bills or work paperwork
- Offering company and emotional support
- Keeping family and friends up to date

You do not have to do all of these, and you do not have to do them alone.

## Being part of the care team

Most care teams welcome caregivers, but they need the permission of the person with cancer before
sharing medical details. It helps to sort this out early, so you are not left out of an important
conversation later.

### Going to appointments

A caregiver in the room can be a great help. The person with cancer may be anxious or tired and may
not take in everything that is said. You can write things down, ask for explanations and prompt
questions they wanted to ask. Agree beforehand on what they want from you: some people want an
active partner in discussions, while others simply want company and a note-taker. Our list of
[questions to ask the doctor](/resources/questions-to-ask-your-doctor/) is a good place to start.

### Keeping information organized

A shared notebook, folder or phone note can hold contact numbers, an up-to-date list of medicines,
appointment dates and a log of symptoms. Ask the care team who to call during the day, at night and
at weekends, and keep those numbers somewhere easy to find.

## Practical ways to help day to day

- **Keep food simple.** Treatment can change appetite and taste, and small, frequent snacks may go
  down better than big meals. Our guide to [eating well during
  treatment](/resources/eating-well-during-lung-cancer-treatment/) has ideas.
- **Support rather than take over.** Ask what help is wanted. Having things done for you when you
  would rather do them yourself can feel like losing independence.
- **Help with breathing comfort.** If breathlessness is a problem, a fan, an upright position and a
  calm presence can all help. Our article on [shortness of
  breath](/resources/shortness-of-breath-and-pulmonary-rehab/) explains more.
- **Share the load.** When friends ask how they can help, have a short list ready: a meal, a lift to
  the hospital, an hour of company.

## Talking about hard things

Conversations about fears, treatment choices and the future can be difficult to start. You might
worry about upsetting the person you care for, and they may be trying to protect you as well.
Letting them lead, listening without rushing to fix things, and admitting that you do not know what
to say are all fine. Some families find it easier to talk with the help of a nurse, social worker or
counselor.

## Looking after yourself

Caregivers often put their own needs last. Over weeks and months, that can lead to exhaustion, poor
sleep, missed health appointments and low mood. Caring for yourself is not selfish; it is what
allows you to keep going.

- Keep up with your own checkups and medicines.
- Take regular breaks, even short ones, and protect some time for things you enjoy.
- Eat regular meals and try to get some fresh air or movement most days.
- Let your own doctor know that you are a caregiver.
- Connect with other caregivers, in person or online. They understand in a way others may not.

Help is often available from people you might not think to ask:

| What you need | Who may be able to help |
|---|---|
| Questions about symptoms or medicines | The oncology nurse or pharmacist |
| Money, work or benefits worries | A hospital social worker |
| Equipment and changes at home | An occupational therapist |
| Pain and symptom control at home | The palliative care team |
| A break from caring | Family, friends or respite services |

!!! note "Signs you may need more support"
    Feeling constantly drained, irritable or hopeless, sleeping badly, or pulling away from people
    you care about can be signs of caregiver burnout. Talk with your own doctor, and consider
    counseling or a caregiver support group.

## When caregiving feels too heavy

There may be times when it all feels like too much. That is a signal to ask for more help, not a
sign of failure. Palliative care teams, social workers and patient organizations can often arrange
extra support, from home visits to short breaks. Many Kindred members are caregivers themselves, and
sharing with them may lighten some of the weight.

!!! warning "If you are in crisis"
    If you ever feel you might harm yourself or someone else, or you cannot cope safely, call your
    local emergency number or go to the nearest emergency department right away.
""",
    },
    {
        "slug": "questions-to-ask-your-doctor",
        "title": "Questions to Ask Your Doctor About Lung Cancer",
        "lead": (
            "Appointments can feel rushed, and it is easy to forget what you meant to ask. Use these questions as a "
            "starting point for conversations with your care team."
        ),
        "topics": ["diagnosis", "treatment"],
        "author": "rosalind-achterberg",
        "reviewer": "samuel-okoro-brandt",
        "published_days_ago": 60,
        "reviewed_days_ago": 20,
        "hero": {
            "motif": "path",
            "alt": "Abstract illustration of a path curving toward a distant horizon.",
            "caption": (
                "A path curving toward the horizon, an abstract picture of finding your way one question at a time."
            ),
            "credit": "Illustration: Kindred",
        },
        "sources": [
            {
                "title": "Coping with Cancer",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/about-cancer/coping",
                "year": 2024,
            },
            {
                "title": "Navigating Cancer Care",
                "publisher": "Cancer.Net, American Society of Clinical Oncology",
                "url": "https://www.cancer.net/navigating-cancer-care",
                "year": 2024,
            },
            {
                "title": "Lung Cancer",
                "publisher": "American Lung Association",
                "url": "https://www.lung.org/lung-health-diseases/lung-disease-lookup/lung-cancer",
                "year": 2024,
            },
            {
                "title": "Lung Cancer",
                "publisher": "American Cancer Society",
                "url": "https://www.cancer.org/cancer/types/lung-cancer.html",
                "year": 2024,
            },
        ],
        "body": """\
Most people leave at least one appointment thinking, "I wish I had asked about that." Visits can
feel short, the language can be technical and emotions can run high. Coming prepared with a few
questions can help you understand your situation, take part in decisions and feel a little more in
control.

You do not need to ask every question below. Pick the ones that matter most to you right now, and
add your own. Your care team expects questions, and a good team will welcome them.

## Getting ready for an appointment

- Write your questions down before you go, with the most important ones at the top.
- Bring a list of all the medicines, vitamins and supplements you take.
- Ask someone you trust to come with you to listen and take notes.
- Ask whether you may record the conversation on your phone so you can listen again later.
- Let the team know at the start if there is something you especially want to cover.

!!! note "It is fine to ask again"
    If something does not make sense, say so. You can ask your doctor to slow down, draw a diagram,
    explain a word or repeat something. Many people find it helpful to repeat back what they heard
    in their own words to check they have understood.

## About your diagnosis

- What type of lung cancer do I have?
- What stage is it, and what does that mean for me?
- Has biomarker testing been done on my tumor? When will the results be ready?
- Are there any more tests I need before we decide on treatment?
- Can I have copies of my reports?

Our guide to [what your tests mean](/resources/understanding-your-lung-cancer-diagnosis/) explains
many of the terms you may hear.

## About treatment

- What treatment options do I have, and which do you recommend? Why?
- What is the aim of treatment: to remove the cancer, to control it or to ease symptoms?
- How will we know if the treatment is working?
- How often will I need to come in, and for how long?
- Is there a clinical trial that might be right for me?
- What happens if I decide not to have a particular treatment?
- Should I get a second opinion, and can you help me arrange one?

The [overview of treatment options](/resources/lung-cancer-treatment-options/) can help you follow
the answers.

## About side effects and daily life

- What side effects are most likely with this treatment, and how can they be prevented or eased?
- Which symptoms mean I should call you straight away, and which can wait?
- Who do I call at night or at the weekend?
- Can I keep working, driving, exercising or traveling during treatment?
- Are there foods, medicines or supplements I should avoid?
- How might treatment affect my sex life or fertility?

## About support

Lung cancer affects much more than your body, and care teams can often connect you with help you
might not know exists.

- Is there a nurse or navigator I can contact with questions between appointments?
- Can I see a palliative care team to help with symptoms, even while I am having treatment?
- Can you refer me to a dietitian, a physiotherapist or pulmonary rehabilitation?
- Is there someone I can talk to about worry, low mood or my family's feelings?
- Who can help with work, money or travel costs?

## Questions for different moments

Your questions will change as you move through diagnosis, treatment and beyond. This table suggests
where you might focus at different points.

| When | Questions you might focus on |
|---|---|
| Just diagnosed | Type, stage, more tests, who to contact |
| Choosing treatment | Aims, options, side effects, trials |
| During treatment | Symptoms, when to call, daily life |
| After treatment | Follow-up scans, recovery, what to watch for |
| If cancer comes back or spreads | New options, symptom care, support |

## After the appointment

It is common to think of new questions on the drive home. Jot them down for next time, or call your
nurse or navigator if something cannot wait. Looking back over your notes with the person who came
with you can help you remember what was said.

If you feel you are not getting the answers you need, it is reasonable to ask for a longer
appointment, to speak with another member of the team or to seek a second opinion. Asking questions
is not being difficult; it is part of making decisions that fit your life. Members of the Kindred
community often share the questions that helped them most, and you are welcome to add yours.
""",
    },
    {
        "slug": "shortness-of-breath-and-pulmonary-rehab",
        "title": "Breathing Easier: Shortness of Breath and Pulmonary Rehabilitation",
        "lead": (
            "Breathlessness is common with lung cancer and can be frightening. Learn why it happens, which "
            "techniques may help and how pulmonary rehabilitation can build strength and confidence."
        ),
        "topics": ["side-effects", "living-well"],
        "author": "theo-lindqvist-mbeki",
        "reviewer": "elena-marchetti-vogel",
        "published_days_ago": 40,
        "reviewed_days_ago": 40,
        "hero": {
            "motif": "waves",
            "alt": "Abstract illustration of slow, rolling waves in calm blues and teals.",
            "caption": "Slow, rolling waves, an abstract picture of calm and steady breathing.",
            "credit": "Illustration: Kindred",
        },
        "sources": [
            {
                "title": "Pulmonary Rehabilitation",
                "publisher": "National Heart, Lung, and Blood Institute",
                "url": "https://www.nhlbi.nih.gov/health/pulmonary-rehabilitation",
                "year": 2024,
            },
            {
                "title": "Breathing Problems",
                "publisher": "MedlinePlus, National Library of Medicine",
                "url": "https://medlineplus.gov/breathingproblems.html",
                "year": 2024,
            },
            {
                "title": "Lung Cancer",
                "publisher": "American Lung Association",
                "url": "https://www.lung.org/lung-health-diseases/lung-disease-lookup/lung-cancer",
                "year": 2024,
            },
            {
                "title": "Side Effects of Cancer Treatment",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/about-cancer/treatment/side-effects",
                "year": 2024,
            },
            {
                "title": "Asthma + Lung UK",
                "publisher": "Asthma + Lung UK",
                "url": "https://www.asthmaandlung.org.uk/",
                "year": 2024,
            },
        ],
        "body": """\
Feeling short of breath is one of the most common symptoms for people with lung cancer, and one of
the most unsettling. It might show up only when you climb stairs, or it might make everyday tasks
like showering or talking feel like hard work. Breathlessness can also bring a wave of panic, which
tends to make breathing harder still.

The good news is that there are many ways to make breathlessness more manageable. Some depend on
treating the cause, and others are skills you can practice at home. This article explains both,
along with pulmonary rehabilitation, a program that may help you do more with the breath you have.

## Why breathlessness happens

Shortness of breath can have several causes, and more than one may be involved:

- The tumor narrowing or blocking an airway
- Fluid collecting around the lung, called a pleural effusion
- A chest infection such as pneumonia
- A low red blood cell count (anemia)
- Inflammation in the lungs after radiation therapy or some medicines
- A blood clot in the lungs
- Other lung or heart conditions, such as COPD
- Loss of fitness and muscle strength after illness or surgery
- Anxiety, which can make breathing feel faster and shallower

Because the causes vary so much, tell your care team if your breathing changes. Some causes, such as
fluid around the lung or anemia, can be treated directly.

!!! warning "Seek medical attention right away"
    Call your local emergency number if you suddenly become very breathless, have chest pain, cough
    up more than a small streak of blood, notice your lips or fingertips turning blue or gray, or
    feel confused or faint. Contact your care team urgently if breathlessness comes with a fever or
    with pain and swelling in one leg.

## Techniques that may help

These techniques are simple, but they work best when you practice them while you feel calm, so they
come more naturally when you need them. A physiotherapist or respiratory therapist can show you how
to do them properly.

### Breathing control

Sit comfortably with your shoulders relaxed. Breathe in gently through your nose and out through
your mouth, letting your belly rise and fall rather than your upper chest. Try to make the
out-breath a little longer than the in-breath.

### Pursed-lip breathing

Breathe in through your nose, then breathe out slowly through lips pursed as if you were about to
whistle or blow out a candle. This can slow your breathing down and help empty your lungs more
fully.

### Positions that ease breathing

Leaning forward can give your breathing muscles more room. Try sitting with your forearms resting on
your thighs or on a table, or standing and leaning on a wall, a kitchen counter or the back of a
chair.

### A cool breeze on your face

A small handheld or desk fan pointed gently toward your face can reduce the feeling of
breathlessness for some people. An open window can have a similar effect.

| Technique | How to do it | When it may help |
|---|---|---|
| Breathing control | Slow, gentle breaths from the belly | When resting or recovering |
| Pursed-lip breathing | Breathe out slowly through pursed lips | During stairs or other effort |
| Leaning forward | Rest forearms on thighs or a table | When breathlessness builds |
| Handheld fan | Cool air toward your face | At rest or after activity |

## Pacing and planning

Spreading activities through the day can keep breathlessness from building up. Sit down to wash,
dress or prepare food. Keep things you use often within easy reach. Break tasks into steps, and rest
before you are exhausted rather than after. Breathing out during the hardest part of a movement,
such as standing up or lifting, may also help.

## Pulmonary rehabilitation

Pulmonary rehabilitation is a program of exercise, education and support for people with lung
conditions. It is often offered to people with COPD and is increasingly available to people with
lung cancer, including before or after surgery and during or after other treatments.

### What happens in a program

Programs usually run for several weeks, with sessions once or twice a week in a group at a hospital
or community center. Some are available at home or online. A typical program includes:

- Exercises tailored to your fitness, to build strength and stamina
- Breathing techniques and ways to manage breathlessness
- Advice on pacing, energy saving and everyday tasks
- Information on medicines, inhalers and oxygen if you use them
- Support with the worry and low mood that breathlessness can bring

### Who may benefit

Many people find that rehabilitation helps them walk further, manage daily tasks more easily and
feel more confident about being active. Being breathless is not a reason to avoid it; the program is
designed for people who are. Ask your care team whether pulmonary rehabilitation is available and
suitable for you.

## Treatments your care team may offer

Depending on the cause, your team may suggest treatments such as draining fluid from around the
lung, treating an infection or anemia, inhalers, radiation or other procedures to open a blocked
airway, or medicines that ease the sensation of breathlessness. Oxygen may help if the level of
oxygen in your blood is low, but it does not help everyone, so it is prescribed after testing. A
palliative care team can be especially helpful with breathlessness at any stage.

## Managing the fear that comes with it

Breathlessness and anxiety feed each other. Having a plan, such as a position, a technique and a
phrase to say to yourself, can break the cycle. Some people find it helps to keep a card with their
plan written on it. Our article on [emotional health and finding
support](/resources/emotional-health-and-finding-support/) has more ideas, and if you are caring for
someone who gets breathless, [our caregiving guide](/resources/caring-for-someone-with-lung-cancer/)
has tips for helping calmly.
""",
    },
    {
        "slug": "eating-well-during-lung-cancer-treatment",
        "title": "Eating Well During Lung Cancer Treatment",
        "lead": (
            "Good nutrition can help you keep up your strength during treatment, but eating is not always easy. "
            "These ideas may help on good days and hard ones."
        ),
        "topics": ["living-well", "side-effects"],
        "author": "imogen-farrow-takeda",
        "reviewer": "samuel-okoro-brandt",
        "published_days_ago": 25,
        "reviewed_days_ago": 25,
        "hero": {
            "motif": "leaves",
            "alt": "Abstract illustration of soft green leaves against a warm sand background.",
            "caption": "Soft green leaves on warm sand, an abstract picture of nourishment.",
            "credit": "Illustration: Kindred",
        },
        "sources": [
            {
                "title": "Side Effects of Cancer Treatment",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/about-cancer/treatment/side-effects",
                "year": 2024,
            },
            {
                "title": "Lung Cancer",
                "publisher": "American Cancer Society",
                "url": "https://www.cancer.org/cancer/types/lung-cancer.html",
                "year": 2024,
            },
            {
                "title": "Lung cancer",
                "publisher": "Macmillan Cancer Support",
                "url": "https://www.macmillan.org.uk/cancer-information-and-support/lung-cancer",
                "year": 2023,
            },
            {
                "title": "Academy of Nutrition and Dietetics",
                "publisher": "Academy of Nutrition and Dietetics",
                "url": "https://www.eatright.org/",
                "year": 2024,
            },
        ],
        "body": """\
Food can take on a new meaning during treatment for lung cancer. On some days eating may feel easy
and comforting; on others, even a favorite meal can seem like a chore. Lung cancer and its treatment
can affect appetite, taste, swallowing and digestion, and it is common to lose weight without
trying.

There is no perfect diet for lung cancer, and no food can cure it. What matters most is getting
enough energy and protein to help your body cope with treatment, heal and keep up your strength.
This guide offers flexible ideas you can adapt to how you feel.

## Why nutrition matters during treatment

Eating well during treatment may help you keep your weight and muscle strength, recover between
treatments, fight infection and have more energy for the things you enjoy. People who are well
nourished may also find it easier to stay active, which brings its own benefits.

Your needs may be different now from before your diagnosis. Advice you have heard about healthy
eating, such as cutting back on fats or choosing low-calorie foods, may not be right for you at the
moment, especially if you are losing weight. Ask your team or a dietitian what fits your situation.

## Building a flexible eating plan

Think of your plan as a set of building blocks rather than strict rules.

- **Protein** helps repair tissue and maintain muscle. Sources include eggs, fish, chicken, beans,
  lentils, tofu, yogurt, milk and cheese.
- **Energy** comes from foods such as bread, rice, pasta, potatoes, cereals, nut butters and healthy
  oils.
- **Fruit and vegetables** provide vitamins and fiber. Cooked or blended versions can be easier to
  manage than raw ones.
- **Fluids** help prevent dehydration and constipation. Water, milk, soups, smoothies and diluted
  juices all count.

If your appetite is small, try to eat every two to three hours and choose foods that pack a lot of
nourishment into a small amount.

!!! note "Cook once, eat twice"
    On days when you have more energy, make a larger batch of soup, stew or pasta sauce and freeze
    it in single portions. Friends who ask how they can help can fill your freezer too.

## When eating is hard

Treatment side effects can make eating difficult in different ways. Here are some ideas that other
people have found useful:

| Challenge | Ideas to try |
|---|---|
| Small appetite | Small frequent snacks, nourishing drinks, eat by the clock |
| Taste changes | Add herbs, lemon or spice; try plastic cutlery |
| Nausea | Dry, plain foods; cold meals; ginger if your team agrees |
| Sore mouth or throat | Soft, moist foods; avoid acidic, spicy or rough textures |
| Feeling full quickly | Drink between meals, not with them; choose rich foods |
| Constipation | Fluids, gentle activity, fiber if your team advises |

Our article on [managing fatigue, nausea and appetite
changes](/resources/managing-fatigue-nausea-and-appetite/) covers these side effects in more detail.

### If swallowing becomes difficult

Radiation to the chest can sometimes irritate the esophagus, the tube that carries food to the
stomach, making swallowing sore for a while. Softer foods, smaller mouthfuls and taking time over
meals may help. Tell your team if swallowing hurts, because medicines and other support may be
available.

!!! warning "Seek medical attention right away"
    Contact your care team urgently if you cannot swallow liquids, keep choking or coughing when you
    eat or drink, have not been able to eat or drink for a day, or notice signs of dehydration such
    as dizziness, confusion or very little urine.

## Food safety during treatment

Some treatments lower the number of white blood cells that fight infection. During these times,
taking extra care with food may help protect you.

- Wash your hands before preparing or eating food.
- Rinse fruit and vegetables well.
- Cook meat, poultry, fish and eggs thoroughly.
- Avoid unpasteurized milk, cheese and juices.
- Keep leftovers in the fridge and eat them within a day or two.

Ask your team whether you need to follow any particular food safety advice during your treatment.

## Supplements and special diets

You may come across diets or supplements that claim to fight cancer. Many have little evidence
behind them, and some can be harmful or interact with treatment. High-dose vitamins, herbal products
and some teas can affect how cancer medicines work. Always check with your care team or pharmacist
before starting any supplement, and be wary of anything that promises a cure.

Restrictive diets can also make it harder to get the energy and protein you need. If you want to eat
in a particular way for personal, cultural or religious reasons, a dietitian can help you do so
safely.

## Working with a dietitian

A registered dietitian can look at your weight, symptoms and preferences and suggest practical
changes. They can also advise on nutritional drinks or, if eating becomes very difficult, other ways
of getting nourishment. Ask your team for a referral, especially if you are losing weight without
trying.

Eating during treatment is rarely about perfection. Some days you may manage only toast and tea, and
that is all right. Members of the Kindred community often swap recipes and small wins, and you are
welcome to join the conversation.
""",
    },
    {
        "slug": "emotional-health-and-finding-support",
        "title": "Emotional Health With Lung Cancer: Anxiety, Worry and Finding Support",
        "lead": (
            "Fear, sadness and worry are natural parts of living with lung cancer. Learn how anxiety can show up, "
            "what may help and where to find support when you need it."
        ),
        "topics": ["living-well", "caregiving"],
        "author": "jonah-whitcombe-asante",
        "reviewer": "theo-lindqvist-mbeki",
        "published_days_ago": 5,
        "reviewed_days_ago": 5,
        "hero": {
            "motif": "sunrise",
            "alt": "Abstract illustration of a pale sun rising over layered quiet hills.",
            "caption": "A soft sunrise over quiet hills, an abstract picture of hope on difficult days.",
            "credit": "Illustration: Kindred",
        },
        "sources": [
            {
                "title": "Feelings and Cancer",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/about-cancer/coping/feelings",
                "year": 2024,
            },
            {
                "title": "Coping with Cancer",
                "publisher": "National Cancer Institute",
                "url": "https://www.cancer.gov/about-cancer/coping",
                "year": 2024,
            },
            {
                "title": "Anxiety",
                "publisher": "MedlinePlus, National Library of Medicine",
                "url": "https://medlineplus.gov/anxiety.html",
                "year": 2024,
            },
            {
                "title": "Anxiety Disorders",
                "publisher": "National Institute of Mental Health",
                "url": "https://www.nimh.nih.gov/health/topics/anxiety-disorders",
                "year": 2024,
            },
            {
                "title": "Coping With Cancer",
                "publisher": "Cancer.Net, American Society of Clinical Oncology",
                "url": "https://www.cancer.net/coping-with-cancer",
                "year": 2024,
            },
        ],
        "body": """\
Living with lung cancer affects far more than your body. Many people feel fear, sadness, anger,
guilt or numbness, sometimes all in the same day. Others feel surprisingly steady and then find
their emotions catch up later. There is no right way to feel, and no timetable.

This article looks at some of the emotional challenges that can come with lung cancer, especially
anxiety, and at ways to find support. It is written for people living with lung cancer, but much of
it applies to partners, family and friends too.

## Feelings you might notice

Common reactions include:

- Shock or disbelief, especially soon after diagnosis
- Fear about treatment, the future or the people you love
- Sadness or grief for the life you had planned
- Anger, including anger at your body, at doctors or at the unfairness of it all
- Guilt, sometimes linked to past smoking or to worrying about being a burden
- Loneliness, even when surrounded by people
- Moments of hope, gratitude and connection

These feelings are normal responses to a very hard situation. They often come and go in waves.

## How anxiety can show up

Anxiety is the body's alarm system. It is useful when it helps you prepare, but it can become
exhausting when it stays switched on. It can show up in your body as well as your mind:

- A racing heart, tight chest or fast breathing
- Trouble sleeping, or waking in the early hours with worries
- Tense muscles, headaches or an upset stomach
- Feeling restless, irritable or unable to concentrate
- Thoughts that jump to the worst outcome

Some of these, such as breathlessness and a racing heart, can overlap with symptoms of lung cancer
or its treatment. If you are unsure what is causing a symptom, check with your care team.

## Scan anxiety

Many people notice their worry rising in the days before a scan or while waiting for results. Some
call it "scanxiety." It can help to ask when and how you will get results, so you are not left
wondering, and to plan something absorbing for the waiting period. Bringing someone with you to the
results appointment can also ease the tension.

## Coping strategies that may help

Different things work for different people. You might try:

- **Naming what you feel.** Writing in a journal or telling someone "I am scared today" can take
  away some of a feeling's power.
- **Staying connected.** Spend time with people who lift you, and let them know what kind of support
  you want.
- **Moving your body.** Gentle activity, as your team advises, can ease tension and improve sleep.
- **Focusing on what you can control.** Preparing [questions for your
  doctor](/resources/questions-to-ask-your-doctor/) or organizing your week can restore a sense of
  control.
- **Limiting online searching.** Reading statistics late at night rarely helps, and general figures
  cannot predict your own situation.
- **Doing things you enjoy.** Music, nature, faith, creativity or a favorite show are not
  distractions from coping; they are part of it.

### A simple grounding exercise

When worry starts to spiral, try noticing five things you can see, four you can touch, three you can
hear, two you can smell and one you can taste. Combined with slow breathing, this can bring your
attention back to the present moment.

## Lung cancer and stigma

People with lung cancer are sometimes asked whether they smoked, as if that explains or justifies
their illness. That question can hurt, whatever your history. Anyone with lungs can get lung cancer,
and nobody deserves it. If you feel guilt or shame, it may help to talk about those feelings with a
counselor or with others who understand. You deserve the same compassion and care as anyone else.

## When to ask for professional help

It is normal to have hard days. Consider talking to your doctor, nurse or a mental health
professional if:

- You feel low, hopeless or numb most of the time for more than a couple of weeks
- Worry or panic stops you from sleeping, eating or doing everyday things
- You have lost interest in things you used to enjoy
- You are using alcohol or other substances to cope
- Your feelings are affecting your relationships or your ability to follow treatment

Depression and anxiety are common in people with cancer and can be treated. Options may include
talking therapies, support groups, medicines or a combination. Many cancer centers have
psychologists, counselors or social workers who specialize in this area.

!!! warning "If you are in crisis"
    If you have thoughts of harming yourself or feel you cannot keep yourself safe, call your local
    emergency number or go to the nearest emergency department now. You can also contact a crisis
    helpline in your country, many of which are free and open at any hour.

## Finding support

Support can come from many places. Your care team can connect you with counseling, palliative care,
spiritual care or social work services. Patient organizations run helplines and support groups, both
in person and online. Family members and caregivers can also get support for themselves; our guide
to [caring for someone with lung cancer](/resources/caring-for-someone-with-lung-cancer/) has more
on this.

And you can talk with people who truly understand. In the Kindred community, members share what
helped them through hard weeks, answer each other's questions and send a hug when words are not
enough. Whenever you are ready, there is a place for you here.
""",
    },
]

PAGES = [
    {
        "slug": "about",
        "title": "About Kindred",
        "body": """\
Kindred is a support network for people living with lung cancer and for the partners, family members
and friends who stand beside them. It is a place to find clear information, share what you are going
through and connect with others who understand.

## Why we started Kindred

A lung cancer diagnosis can feel isolating. Friends may not know what to say, appointments move
quickly, and the information you find online is often confusing or frightening. We believe nobody
should have to work it all out alone. Kindred brings together two things that help: trustworthy
information and the company of people who have been there.

## What you will find here

- **Resources.** Articles about diagnosis, treatment, side effects, everyday life and caregiving,
  written in plain language.
- **A community.** Members can post updates, ask questions, answer others, send a hug of support and
  follow people whose stories feel close to their own.
- **Updates by e-mail.** Anyone can sign up for an occasional newsletter with new articles. Members
  can also choose a digest of community activity.

Joining is free. Articles are open to everyone. Community posts, comments and profiles are visible
only to signed-in members, so people can speak openly.

## How our articles are written

Every article is written by a health professional or experienced writer and then medically reviewed
by a qualified expert before it is published. Each article shows who wrote it, who reviewed it, when
it was posted and when it was last reviewed. We list the sources we relied on, and we update
articles when the evidence or guidance changes. Our experts' biographies are available on their own
pages.

The experts and articles on this demonstration site are fictional examples created to show how
Kindred works. They are not real people and do not describe any real person's care.

## Not a substitute for medical advice

Kindred offers general information and peer support. It is not a substitute for advice, diagnosis or
treatment from your own doctor, nurse or other health professional, who knows your situation.
Members share personal experiences, which can be valuable, but what worked for one person may not be
right for another. Always talk with your care team before making changes to your treatment.

If you think you may be having a medical emergency, call your local emergency number straight away.

## Get in touch

We would love to hear how Kindred could serve you better. You can reach the team through the contact
details in your account settings, and you can report any post or comment that concerns you using the
report link beside it.
""",
    },
    {
        "slug": "privacy",
        "title": "Privacy Policy",
        "body": """\
This policy explains what information Kindred collects, why we collect it and the choices you have.
We have tried to write it in plain language. Health information is some of the most personal
information there is, and we treat it that way.

## What we collect

- **Account details.** Your e-mail address, display name and password (stored only in a securely
  hashed form).
- **Profile details you choose to share.** For example, your role (living with lung cancer,
  caregiver or loved one), diagnosis, stage, treatments, region, a photo and a short description.
  Every profile field is optional.
- **What you post.** Updates, pictures, comments, questions, answers and hugs.
- **Newsletter details.** If you subscribe, your e-mail address, the frequency you chose and a
  record of when and how you gave consent.
- **Basic technical information.** Our servers keep short-lived logs, such as IP addresses and error
  reports, so we can keep the site secure and working.

## How we use it

We use your information only to run Kindred: to let you sign in, show your posts to other members,
send the notifications and e-mails you have asked for and keep the community safe. We do not sell
your information, and we do not use it for advertising.

## Who can see what

Articles are public. Community content, including posts, comments, questions, answers and member
profiles, is visible only to signed-in members. You can control how much of your profile other
members see in your settings. Our staff can see content when they need to, for example to respond to
a report.

## No trackers

Kindred does not use advertising networks, analytics trackers, social media pixels or tracking
pixels in e-mails. We do not share your information with third parties, with one exception: when
spam protection is switched on, sign-up and some other forms use Google reCAPTCHA, which processes
information about your device and use of the page under Google's own privacy policy and terms. We
also use service providers, such as our hosting and e-mail delivery providers, who process data only
on our behalf.

## E-mail

We send only the e-mails you ask for: account messages such as password resets, the notifications
you have switched on and the newsletter or digest you chose. Every newsletter and digest has a
one-click unsubscribe link, and you can change your preferences at any time.

## Your choices and rights

- **See and export your data.** From your account settings you can download a copy of your profile
  and everything you have posted.
- **Correct it.** You can edit your profile and posts at any time.
- **Delete it.** You can delete your account from your settings. This removes your profile, posts,
  comments, reactions, answers, uploaded pictures and subscription. Nothing of yours stays readable
  on the site.

Backups are kept for a short period for disaster recovery and then overwritten.

## Changes

If we make important changes to this policy, we will tell members by e-mail or with a notice on the
site before they take effect.
""",
    },
    {
        "slug": "terms",
        "title": "Terms of Use",
        "body": """\
These terms explain the rules for using Kindred. By creating an account or using the site, you agree
to them. Please read them alongside our [Privacy Policy](/privacy/) and [Community
guidelines](/guidelines/).

## Information, not medical advice

Kindred provides general health information and a space for peer support. Nothing on the site,
including articles, expert biographies and posts from members, is a substitute for professional
medical advice, diagnosis or treatment. Always talk with your own doctor or care team about your
health, and never ignore professional advice or delay seeking it because of something you read here.
In an emergency, call your local emergency number.

## Your account

- You must be at least 18 years old to create an account.
- Give accurate information when you sign up and keep your password private.
- You are responsible for what happens under your account. Tell us promptly if you think someone
  else has used it.
- One person, one account. Accounts may not be shared or transferred.

## What you post

You keep ownership of what you post. By posting, you give Kindred permission to store and display it
to other members so the community can work. This permission ends when you delete the content or your
account, except for copies that briefly remain in backups.

When you post, you agree that:

- you have the right to share what you post, including any pictures;
- you will not share other people's personal or health information without their permission;
- your posts follow our [Community guidelines](/guidelines/).

## Things you may not do

- Break the law or encourage others to do so.
- Harass, threaten or impersonate anyone.
- Advertise, sell products or services, or ask members for money.
- Post spam, malware or automated content, or try to collect information about other members.
- Interfere with the security or operation of the site.

## Moderation

We may hide content or suspend accounts that break these terms or our guidelines. Where we can, we
will tell you what happened and why. If you think we got it wrong, you can ask us to look again.

## Availability and changes

We work hard to keep Kindred running but cannot promise it will always be available or free from
errors. We may change features or these terms over time; if a change is significant, we will let
members know before it takes effect.

## Limitation of liability

Kindred is provided as it is. To the extent the law allows, we are not responsible for decisions
made on the basis of information found on the site or for content posted by members.

## Ending your use

You can stop using Kindred and delete your account at any time from your settings.
""",
    },
    {
        "slug": "guidelines",
        "title": "Community guidelines",
        "body": """\
Kindred works because members look after one another. These guidelines help keep the community a
safe, warm place for people living with lung cancer and those who care for them. They apply to
posts, comments, questions, answers, profiles and pictures.

## Be kind

Everyone here is dealing with something hard. People are at different points in their journey and
cope in different ways. Some find comfort in humor, some in faith, some in research and some in
simply being heard. Respect those differences, even when they are not your way.

- Assume good intentions and respond with patience.
- Disagree about ideas, never attack the person.
- Avoid blame. Nobody deserves lung cancer, whatever their history.

## Share experience, not medical advice

Your experience is valuable, and sharing what helped you can make a real difference. Please frame it
as your own story ("this is what worked for me") rather than as medical fact or instruction. Do not
tell others to start, stop or change a treatment. Encourage people to talk with their care team, and
be cautious about sharing links to miracle cures or unproven treatments.

## Protect everyone's privacy

- Share only what you are comfortable with. Remember that other members can see what you post.
- Do not share another person's name, pictures, health details or contact information without their
  permission.
- Keep what members share inside the community. Do not copy their posts elsewhere.

## No selling or promotion

Kindred is not a place to advertise products, services, fundraisers or businesses, or to recruit
people for studies without our agreement. Accounts created to sell or promote will be removed.

## Report concerns

If you see something that breaks these guidelines, or a post that worries you, use the report link
beside it. Reports are confidential and are reviewed by our moderators, who may hide content or
contact the member. Please do not argue with rule-breakers in public; let us handle it.

## If you or someone else is in crisis

Kindred is not an emergency service, and our moderators cannot respond around the clock. If you or
someone you know is in immediate danger, has thoughts of suicide or self-harm, or needs urgent
medical help, call your local emergency number or go to the nearest emergency department. Many
countries also have free crisis helplines you can call or text at any time. If a member posts
something that makes you worried for their safety, please report it so our team can reach out.

## When guidelines are broken

Depending on what happened, we may hide a post, send a reminder, pause an account or, for serious or
repeated problems, close it. Thank you for helping make Kindred a place where people feel
understood.
""",
    },
]
