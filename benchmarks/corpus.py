"""A deterministic synthetic corpus of partnership plans, for scale benchmarks and tests.

    python benchmarks/corpus.py OUT_DIR --plans 100 --authorities 10 --seed 0

Writes markdown (and CSV) documents shaped like the demo data and the real seed documents, for
`plans` plans spread over `authorities` fictional authorities. Every place is built from
invented syllables and every person from first-name and surname lists, so nothing names a real
council or person. Plans are numbered per authority and alternate between two kinds, each
written with the papers that usually come with it:

* a children and young people's plan (numbered outcomes, sub-outcomes and indicator lists,
  principles, 5-8 priorities with dated actions, a √√/√ tick matrix with its legend, the
  board's membership as "Post; Organisation"), its lead table as CSV, and a report to the
  Children's Partnership Board with an HTML lead table ("A & B" cells, "?") and, sometimes, a ■
  matrix of the Every Child Matters outcomes;
* a health and wellbeing strategy (numbered priorities, an HTML or pipe indicator table with
  Period and Current value columns, reporting lines, sponsors and membership) and the minutes
  of a board meeting (✓ attendance table, apologies, a substitute, also in attendance,
  RESOLVED decisions, an action plan with responsibility leads, a contact table, the
  constitution).

Plan k of an authority is a children's plan when k is even and a strategy when k is odd; its
period cycles through eight editions, and after those the plans are for invented localities of
the authority ("Wendaford Children and Young People's Plan 2024-2027"), so every title is new.
Files go to OUT_DIR/<authority>/, named <authority>-<k><a|b|c>-<kind>...: unique across the
corpus (the store keys documents by file name) and sorted so that each plan is ingested before
its lead table, report or minutes. The priorities of a plan are written in one of three shapes:
the demo's "Priority N – Title – description" lines with "We will ..." bullets, the same with a
"To deliver this priority we will:" lead-in, or seed 002's numbered "3.1 Title" sections with a
"When we will do this" list.

Each authority has a stable cast: its boards (the same names in every authority, so identity
must be scoped by area), 20-60 people who hold posts and recur across its documents (sometimes
as "Cath" rather than "Catherine", with a middle initial, or under a changed title), and a
neighbour it shares an integrated care board with. Plans draw on shared pools of indicator
wordings (the same measure worded two or three ways) and priority themes, so alignment across
plans means something. The ground truth (who is who, which wording is which indicator) is
written to `.corpus.json`, which ingestion skips because its name starts with a dot.

Everything follows from `seed`: each document has its own `random.Random` seeded with a string
(hashed with SHA-512, so not subject to hash randomisation), and nothing reads the clock.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Pools: places, people, posts, boards
# --------------------------------------------------------------------------------------------

ONSETS = (
    "Brel", "Cask", "Dorv", "Elsk", "Fenn", "Garv", "Hask", "Ilv", "Jorr", "Kell", "Lusk", "Morv",
    "Narr", "Ost", "Prell", "Quen", "Rusk", "Skel", "Tarv", "Umb", "Vell", "Wisk", "Yarr", "Zell",
    "Brom", "Cran", "Drev", "Ember", "Fald", "Grisk", "Hollin", "Kest", "Lind", "Marr", "Nesh",
    "Orl", "Pell", "Quar", "Roth", "Sorr", "Thran", "Ulv", "Wend", "Yell", "Aldr", "Bask", "Corv",
)
LINKS = ("a", "e", "i", "o", "er", "in")
SUFFIXES = (
    "by", "ford", "holt", "mere", "wick", "stow", "combe", "ley", "thorpe", "worth", "den", "ham",
    "brook", "field", "minster", "cott",
)

FIRST_NAMES = (
    "Aisha", "Alan", "Alexander", "Alexandra", "Amara", "Andrew", "Angela", "Anthony", "Bernadette",
    "Benjamin", "Bethan", "Carl", "Catherine", "Charlotte", "Christopher", "Claire", "Craig",
    "Daniel", "David", "Deborah", "Declan", "Edward", "Eleanor", "Elizabeth", "Emma", "Faisal",
    "Femi", "Fiona", "Frances", "Gareth", "Gillian", "Graham", "Hannah", "Harriet", "Helen",
    "Henry", "Imran", "Isobel", "Jacqueline", "James", "Jennifer", "Joanne", "Joel", "John",
    "Jonathan", "Julie", "Karen", "Kerry", "Kwame", "Laura", "Leanne", "Lewis", "Lucy", "Mairead",
    "Margaret", "Mark", "Martin", "Matthew", "Megan", "Michael", "Nadia", "Naomi", "Neil", "Nicholas",
    "Nicola", "Owen", "Patricia", "Paula", "Philip", "Priya", "Rachel", "Rebecca", "Rhys",
    "Richard", "Robert", "Ruth", "Samuel", "Sanjay", "Sarah", "Shabana", "Simon", "Siobhan",
    "Sophie", "Stephen", "Susan", "Tariq", "Thomas", "Timothy", "Usha", "Victoria", "William",
    "Yvonne", "Zainab", "Gemma", "Ian", "Colin", "Dawn", "Hamid", "Kiran", "Olu", "Bronwen",
)
SURNAMES = (
    "Ashdown", "Ashworth", "Barraclough", "Bellingham", "Birtwistle", "Blakemore", "Bramley",
    "Calloway", "Carrick", "Chaudhry", "Corbett", "Crossley", "Dalrymple", "Donnelly", "Eccleston",
    "Fairbrother", "Farrant", "Gallacher", "Greaves", "Hallam", "Hargreaves", "Henshaw",
    "Hetherington", "Holroyd", "Ibbotson", "Jagger", "Kaur", "Kenworthy", "Larkin", "Lloyd-Hughes",
    "Lomax", "Mahmood", "Marsh", "McAllister", "MacLeod", "Mellor", "Nair", "Northcott", "Okafor",
    "Oladipo", "O'Hara", "Pennington", "Penhaligon", "Pickering", "Prendergast", "Quigley",
    "Rahman", "Redfern", "Rowbotham", "Scarisbrick", "Siddiqui", "Stansfield", "Sutcliffe",
    "Tilsley", "Tolland", "Trelawney", "Underwood", "Varley", "Wainwright", "Whitaker",
    "Whitcombe", "Wilde", "Winstanley", "Yardley", "Asante", "Bhatt", "Cartwright", "Desai",
    "Entwistle", "Fothergill", "Gough", "Haworth", "Iqbal", "Jowett", "Kershaw", "Lockwood",
    "Mistry", "Nuttall", "Ormerod", "Pilling", "Quayle", "Ramsden", "Shackleton", "Thackeray",
    "Urquhart", "Verity", "Walmsley", "Ackroyd", "Brierley", "Cheetham", "Dobson", "Emsley",
    "Fieldhouse", "Garside", "Hebden", "Illingworth", "Jessop", "Kitson", "Lumb", "Metcalfe",
    "Naylor", "Oddie", "Priestley", "Rushworth", "Sugden", "Tordoff", "Utley", "Wadsworth",
    "Baptiste", "Chowdhury", "Obi", "Mensah", "Kowalski", "Nowak", "Ferreira", "Costa",
    "Lindqvist", "Petrakis", "Achebe", "Osei", "Begum", "Hussain", "Patel", "Sharma", "Evans",
    "Llewellyn", "Pryce", "Morgan-Jones", "Kinnear", "Buchanan", "Drummond", "Fraser", "Gilchrist",
)
# Full first name -> the short form documents sometimes use. Most are forms the resolver knows;
# Henry/Harry, Alexandra/Sasha and John/Jack are deliberately ones it may not.
NICKNAMES = {
    "Catherine": "Cath", "Christopher": "Chris", "Michael": "Mike", "Stephen": "Steve",
    "Robert": "Rob", "William": "Bill", "Elizabeth": "Liz", "James": "Jim", "Jennifer": "Jenny",
    "Thomas": "Tom", "David": "Dave", "Andrew": "Andy", "Anthony": "Tony", "Patricia": "Pat",
    "Susan": "Sue", "Nicholas": "Nick", "Daniel": "Dan", "Benjamin": "Ben", "Samuel": "Sam",
    "Joanne": "Jo", "Margaret": "Maggie", "Alexander": "Alex", "Edward": "Ed", "Philip": "Phil",
    "Matthew": "Matt", "Timothy": "Tim", "Jonathan": "Jon", "Gillian": "Gill",
    "Jacqueline": "Jackie", "Frances": "Fran", "Nicola": "Nicky", "Rebecca": "Becky",
    "Victoria": "Vicky", "Henry": "Harry", "Alexandra": "Sasha", "John": "Jack",
}
INITIALS = "ABCDEFGHJKLMNPRSTW"

# Organisations of an authority, by key; {a} is the authority's name, {n} its neighbour's.
ORGS = {
    "icb": "NHS {a} and {n} Integrated Care Board",
    "acute": "{a} and District Hospitals NHS Foundation Trust",
    "community": "{a} Community Health NHS Trust",
    "police": "{n} Police",
    "probation": "Probation Service",
    "yjs": "{a} Youth Justice Service",
    "dwp": "DWP Jobcentre Plus",
    "vcs": "{a} Voluntary Action",
    "college": "{a} College",
    "healthwatch": "Healthwatch {a}",
    "scp": "{a} Safeguarding Children Partnership",
}
EMAIL_DOMAINS = {"council": "{s}.gov.example", "icb": "{s}icb.nhs.example",
                 "acute": "{s}hospitals.nhs.example", "community": "{s}health.nhs.example",
                 "police": "{ns}.police.example", "yjs": "{s}.gov.example", "scp": "{s}.gov.example"}

# (key, post, organisation key, honorific, boards: c = Children's Partnership Board,
#  h = Health and Wellbeing Board; level: s = senior (strategic lead), o = operational lead,
#  m = member only)
CORE_ROLES = (
    ("ph_children", "Portfolio Holder for Children, Young People and Families", "council",
     "Councillor", "ch", "m"),
    ("ph_education", "Portfolio Holder for Education, Skills and Employment", "council",
     "Councillor", "c", "m"),
    ("leader", "Leader of the Council", "council", "Councillor", "h", "m"),
    ("ph_health", "Portfolio Holder for Adult Social Care and Health", "council", "Councillor",
     "h", "m"),
    ("ceo", "Chief Executive", "council", "", "c", "s"),
    ("dcs", "Corporate Director of Children's Services", "council", "", "ch", "s"),
    ("das", "Corporate Director of Adult Social Care", "council", "", "h", "s"),
    ("dph", "Director of Public Health", "council", "Dr?", "ch", "s"),
    ("ded", "Director of Education and Inclusion", "council", "", "c", "s"),
    ("hpeh", "Head of Partnerships and Early Help", "council", "", "c", "s"),
    ("nursing", "Director of Nursing and Quality", "icb", "", "ch", "s"),
    ("place", "Place Director", "icb", "Dr?", "h", "s"),
    ("coo", "Chief Operating Officer", "community", "", "c", "s"),
    ("police", "Divisional Commander", "police", "Superintendent", "ch", "s"),
    ("hyj", "Head of Youth Justice", "yjs", "", "c", "o"),
    ("dwp", "District Partnership Manager", "dwp", "", "c", "s"),
    ("scrutineer", "Independent Scrutineer", "scp", "", "c", "m"),
    ("vcs", "Chief Executive", "vcs", "", "ch", "s"),
    ("principal", "Principal", "college", "", "c", "s"),
    ("dso", "Democratic Services Officer", "council", "", "", "m"),
    ("ppo", "Partnership Planning Officer", "council", "", "", "o"),
)
EXTRA_ROLES = (
    ("acute_ceo", "Chief Executive", "acute", "", "h", "s"),
    ("healthwatch", "Chair", "healthwatch", "", "h", "m"),
    ("probation", "Head of Probation Delivery Unit", "probation", "", "c", "m"),
    ("head_eh", "Head of Early Help", "council", "", "", "o"),
    ("best_start", "Best Start Partnership Manager", "council", "", "", "o"),
    ("cphc", "Consultant in Public Health (Children and Young People)", "council", "Dr?", "", "o"),
    ("cphad", "Consultant in Public Health (Adults)", "council", "Dr?", "", "o"),
    ("camhs", "Clinical Lead, Children's Mental Health Services", "community", "Dr", "", "o"),
    ("send", "Head of SEND and Inclusion", "council", "", "", "o"),
    ("skills", "Employment and Skills Manager", "council", "", "", "o"),
    ("tp", "Teenage Pregnancy Coordinator", "council", "", "", "o"),
    ("safeguarding", "Head of Safeguarding", "council", "", "", "o"),
    ("cic", "Service Manager, Children in Care", "council", "", "", "o"),
    ("commissioning", "Head of Commissioning", "council", "", "", "o"),
    ("hw_manager", "Healthy Weight Programme Manager", "council", "", "", "o"),
    ("ccs", "Head of Children's Community Services", "community", "", "", "o"),
    ("housing", "Strategic Housing Manager", "council", "", "", "o"),
    ("virtual", "Head of the Virtual School", "council", "", "", "o"),
    ("attendance", "Attendance Service Manager", "council", "", "", "o"),
    ("youth", "Youth Service Manager", "council", "", "", "o"),
    ("da", "Domestic Abuse Coordinator", "council", "", "", "o"),
    ("suicide", "Suicide Prevention Lead", "council", "", "", "o"),
    ("hi", "Health Improvement Manager", "council", "", "", "o"),
    ("dnsc", "Designated Nurse for Safeguarding Children", "icb", "", "", "o"),
    ("ddsc", "Designated Doctor for Safeguarding Children", "icb", "Dr", "", "o"),
    ("early_years", "Early Years Manager", "council", "", "", "o"),
    ("hubs", "Family Hubs Programme Manager", "council", "", "", "o"),
    ("edpsych", "Principal Educational Psychologist", "council", "Dr?", "", "o"),
    ("intel", "Public Health Intelligence Manager", "council", "", "", "o"),
    ("chc", "Commissioning Manager, Children's Health", "icb", "", "", "o"),
    ("participation", "Participation Manager", "council", "", "", "o"),
    ("poverty", "Tackling Poverty Lead", "council", "", "", "o"),
    ("csafety", "Head of Community Safety", "council", "", "", "o"),
    ("drugs", "Substance Misuse Commissioning Manager", "council", "", "", "o"),
    ("asw", "Head of Adult Social Work", "council", "", "", "o"),
    ("carers", "Carers Lead", "council", "", "", "o"),
    ("activity", "Physical Activity Lead", "council", "", "", "o"),
    ("exploitation", "Exploitation Coordinator", "council", "", "", "o"),
    ("dad", "Director of Adult Services", "community", "", "", "s"),
    ("mh_director", "Director of Mental Health Services", "community", "Dr?", "", "s"),
    ("ad_ed", "Assistant Director, Education", "council", "", "", "s"),
    ("ad_cs", "Assistant Director, Children's Social Care", "council", "", "", "s"),
    ("ad_ph", "Deputy Director of Public Health", "council", "", "", "s"),
    ("headteacher", "Headteacher", "school", "", "c", "m"),
    ("sec_head", "Headteacher", "academy", "", "c", "m"),
    ("youth_rep", "Member of Youth Parliament", "youth", "", "c", "m"),
    ("gp", "GP Clinical Lead for Children", "icb", "Dr", "", "o"),
    ("dv_police", "Detective Chief Inspector, Public Protection", "police", "", "", "o"),
    ("housing_dir", "Director of Housing", "council", "", "h", "s"),
    ("env", "Head of Environmental Health", "council", "", "", "o"),
    ("lib", "Head of Libraries and Culture", "council", "", "", "o"),
)
ROLE_INDEX = {r[0]: r for r in (*CORE_ROLES, *EXTRA_ROLES)}

# Strategic groups; three are in every authority, the rest vary.
ALWAYS_GROUPS = ("Healthy Weight Strategic Group", "Emotional Health and Wellbeing Strategic Group",
                 "Best Start Partnership")
GROUPS = (
    "Teenage Pregnancy Steering Group", "Youth Justice Management Board", "Skills and Participation Group",
    "Early Help Partnership", "Corporate Parenting Board", "SEND Partnership Board",
    "Domestic Abuse Partnership", "Child Exploitation Strategic Group", "Combating Drugs Partnership",
    "Mental Health and Suicide Prevention Partnership", "Ageing Well Partnership", "Carers Partnership",
    "Housing and Health Partnership", "Tobacco Control Alliance", "Physical Activity Alliance",
    "Health Protection Board", "Education Partnership", "Participation Network", "Food Partnership",
    "Preparing for Adulthood Board", "Oral Health Improvement Group", "Youth Partnership",
)

# --------------------------------------------------------------------------------------------
# Pools: priority themes, outcomes, indicators
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    title: str
    headline: str  # how a strategy words it: "Give every child the best start in life"
    description: str  # lower case, at least six words
    domain: str  # H S L W P V (children) or A M G D (adults)
    group: str  # the usual strategic group ("" = the partnership board itself)
    topic: str  # a noun phrase for generic actions
    actions: tuple[str, ...]


THEMES = tuple(Theme(*t) for t in (
    ("Best Start", "Give every child the best start in life",
     "support families from pregnancy to age five through family hubs and the healthy child programme",
     "H", "Best Start Partnership", "early years support",
     ("open {n} more Family Hubs", "introduce one shared development review for health visitors "
      "and early years settings")),
    ("Healthy Weight", "Help children and young people to be a healthy weight",
     "reduce the number of children who are overweight or obese", "H",
     "Healthy Weight Strategic Group", "healthy weight",
     ("publish a whole-system Healthy Weight Action Plan",
      "extend the Daily Active Hour programme to every primary school")),
    ("Emotional Health and Wellbeing", "Support the emotional health of children and young people",
     "make it quicker and simpler for children and young people to get help with their mental health",
     "H", "Emotional Health and Wellbeing Strategic Group", "emotional health support",
     ("have Mental Health Support Teams working in 75% of schools",
      "launch a single front door for emotional health referrals",
      "cut the average wait for a first appointment to under six weeks")),
    ("Safer Choices", "Help young people to make safer choices",
     "reduce teenage conceptions, first time entry to the youth justice system and harm from drugs "
     "and alcohol", "H", "Teenage Pregnancy Steering Group", "risk-taking behaviour",
     ("refresh the Teenage Pregnancy Action Plan",
      "extend the youth diversion scheme to every policing sector")),
    ("Early Help and Safeguarding", "Keep children safe and help families early",
     "make sure children get the right help at the right time and are protected from harm", "S",
     "SCP", "early help",
     ("bring in revised multi-agency safeguarding arrangements",
      "adopt one Early Help Assessment across all partners")),
    ("Attendance and Inclusion", "Get every child into school every day",
     "get more children into school every day and reduce exclusions", "L", "Education Partnership",
     "school attendance", ("set up an Attendance Support Hub",
                           "publish a SEND and Inclusion Strategy")),
    ("Pathways to Work", "Help young people into good work",
     "help young people, and care leavers in particular, into learning and jobs", "W",
     "Skills and Participation Group", "youth employment",
     ("open a Youth Employment Hub",
      "offer every care leaver an apprenticeship, traineeship or supported internship")),
    ("Family Finances", "Reduce the impact of poverty on children",
     "reduce the impact of poverty on children and help families claim what they are entitled to",
     "P", "", "financial support for families",
     ("make sure every Family Hub offers benefits and debt advice",
      "agree a partnership child poverty action plan")),
    ("Oral Health", "Improve children's oral health",
     "reduce tooth decay in young children through supervised brushing and fluoride varnish", "H",
     "Oral Health Improvement Group", "oral health",
     ("start supervised toothbrushing in every nursery in the most deprived areas",
      "train early years staff to give oral health advice")),
    ("Immunisation", "Protect children through immunisation",
     "raise take-up of childhood vaccinations so that every child is protected", "H",
     "Health Protection Board", "childhood immunisation",
     ("run catch-up MMR clinics in every family hub",
      "send a reminder to the parents of every child who misses a vaccination")),
    ("Infant Feeding", "Help more mothers to breastfeed",
     "help more mothers to start and keep breastfeeding and support families with infant feeding",
     "H", "Best Start Partnership", "infant feeding",
     ("achieve Baby Friendly accreditation for community services",
      "open a breastfeeding peer support group in each locality")),
    ("Smokefree Pregnancy", "Reduce smoking in pregnancy",
     "reduce the number of women who smoke during pregnancy and protect babies from smoke", "H",
     "Tobacco Control Alliance", "smoking in pregnancy",
     ("offer every pregnant smoker a specialist stop smoking adviser",
      "introduce carbon monoxide screening at every antenatal appointment")),
    ("Speech, Language and Communication", "Help young children to talk and communicate",
     "make sure young children's speech and language needs are spotted and met early", "L",
     "Best Start Partnership", "speech and language",
     ("train every early years setting in early language screening",
      "publish a speech, language and communication pathway")),
    ("School Readiness", "Make sure children are ready to start school",
     "help children arrive at school ready to learn, with parents supported to help them", "L",
     "Best Start Partnership", "school readiness",
     ("offer every family a two year development check in a family hub",
      "raise take-up of funded early education for two year olds")),
    ("Closing the Gap", "Close the gap for disadvantaged pupils",
     "narrow the gap in attainment between disadvantaged pupils and their peers at every key stage",
     "L", "Education Partnership", "disadvantaged pupils",
     ("agree a shared approach to pupil premium spending",
      "run a reading programme for disadvantaged pupils in Key Stage 1")),
    ("Special Educational Needs and Disabilities", "Improve support for children with SEND",
     "make sure children with special educational needs and disabilities get the right support early",
     "L", "SEND Partnership Board", "SEND support",
     ("complete nine in ten Education, Health and Care Plans within 20 weeks",
      "open a SEND information hub for parents")),
    ("Children in Care and Care Leavers", "Be good corporate parents",
     "give children in care stable homes and help care leavers to live independently", "S",
     "Corporate Parenting Board", "children in care",
     ("recruit 40 more local foster carers", "extend the Staying Close offer to every care leaver")),
    ("Domestic Abuse", "Protect families from domestic abuse",
     "protect children and adults from domestic abuse and help them recover from its effects", "S",
     "Domestic Abuse Partnership", "domestic abuse",
     ("commission a service for children affected by domestic abuse",
      "train every school's safeguarding lead in domestic abuse")),
    ("Child Exploitation", "Protect young people from exploitation",
     "spot young people at risk of criminal and sexual exploitation sooner and keep them safe", "S",
     "Child Exploitation Strategic Group", "exploitation",
     ("set up a multi-agency exploitation hub", "train 500 staff in contextual safeguarding")),
    ("Missing Children", "Find and protect children who go missing",
     "reduce the number of children who go missing and learn from every missing episode", "S",
     "Child Exploitation Strategic Group", "missing children",
     ("offer a return home interview to every child who goes missing",
      "share information on missing episodes daily between police and social care")),
    ("Youth Justice", "Reduce youth offending",
     "reduce first time entry to the youth justice system and re-offending by young people", "S",
     "Youth Justice Management Board", "youth justice",
     ("extend the Second Chance diversion scheme", "open a youth justice hub in the town centre")),
    ("Neglect", "Tackle neglect",
     "recognise and respond to neglect earlier using one shared assessment tool", "S", "SCP",
     "neglect", ("adopt a single neglect assessment tool across all partners",
                 "publish a neglect strategy")),
    ("Young Carers", "Support young carers",
     "find young carers early and make sure they get support at school and at home", "V",
     "Carers Partnership", "young carers",
     ("name a young carers champion in every school", "offer every young carer a statutory assessment")),
    ("Voice and Participation", "Listen to children and young people",
     "make sure children and young people shape the decisions and services that affect them", "V",
     "Participation Network", "participation",
     ("hold an annual Youth Summit", "involve young people in every service commission")),
    ("Positive Activities", "Give young people things to do and places to go",
     "widen the range of affordable activities for young people in every neighbourhood", "V",
     "Youth Partnership", "youth activities",
     ("open two more youth centres", "publish a single online directory of activities")),
    ("Preparing for Adulthood", "Prepare young people with SEND for adult life",
     "plan the move to adult services early for young people with additional needs", "W",
     "Preparing for Adulthood Board", "transition to adult services",
     ("start transition planning at age 14 for every young person with an EHCP",
      "agree a joint transitions protocol between children's and adult services")),
    ("Skills and Qualifications", "Raise skills and qualifications at 16-19",
     "raise participation and achievement in learning after sixteen", "W",
     "Skills and Participation Group", "post-16 learning",
     ("publish a post-16 learning offer", "launch a careers guarantee for every Year 11 pupil")),
    ("Youth Homelessness", "Prevent youth homelessness",
     "stop young people becoming homeless and find them a safe home quickly when they do", "P",
     "Housing and Health Partnership", "youth homelessness",
     ("open a joint housing and children's services assessment team",
      "end the use of bed and breakfast for 16 and 17 year olds")),
    ("Food Security", "Make sure no child goes hungry",
     "make sure families can afford healthy food all year round, including in the holidays", "P",
     "Food Partnership", "food poverty",
     ("run a holiday activities and food programme in every locality",
      "raise take-up of Healthy Start vouchers")),
    ("Family Hubs", "Bring family services together in family hubs",
     "bring family services together in local hubs that every family knows and trusts", "P",
     "Best Start Partnership", "family hubs",
     ("open a family hub in every locality", "publish a Start for Life offer")),
    ("Parenting Support", "Support parents to be the best parents they can be",
     "offer parents practical help and evidence-based parenting programmes when they need them", "P",
     "Early Help Partnership", "parenting",
     ("publish a parenting support offer", "train 60 practitioners to deliver parenting programmes")),
    ("Workforce Development", "Develop a confident children's workforce",
     "give practitioners across partners the skills and confidence to work with families", "V", "",
     "workforce training",
     ("launch a shared multi-agency training programme", "publish a children's workforce strategy")),
    ("Reducing Parental Conflict", "Reduce the harm of parental conflict",
     "reduce the harm to children caused by conflict between their parents", "P",
     "Early Help Partnership", "parental conflict",
     ("train early help staff in reducing parental conflict", "offer a relationship support service")),
    ("Perinatal Mental Health", "Support parents' mental health in pregnancy and after birth",
     "make sure parents get help with their mental health in pregnancy and the first years", "H",
     "Mental Health and Suicide Prevention Partnership", "perinatal mental health",
     ("ask about mental health at every antenatal and postnatal contact",
      "open a specialist perinatal mental health clinic")),
    ("Digital Inclusion", "Close the digital divide for young people",
     "make sure young people have the devices, connection and skills to learn and work online", "W",
     "Skills and Participation Group", "digital inclusion",
     ("lend a laptop to every care leaver in education", "offer free data to families on low incomes")),
    ("Smoking and Tobacco", "Make smoking history",
     "reduce smoking among adults, concentrating on the neighbourhoods where it is most common", "A",
     "Tobacco Control Alliance", "stop smoking support",
     ("offer stop smoking support in every GP practice", "run a smokefree homes campaign")),
    ("Physical Activity", "Help people to be more active",
     "help people of every age to move more, starting with those who do least", "A",
     "Physical Activity Alliance", "physical activity",
     ("publish an active travel plan", "offer free swimming to children on free school meals")),
    ("Alcohol and Drugs", "Reduce harm from alcohol and drugs",
     "reduce the harm that alcohol and drugs do to people, families and communities", "A",
     "Combating Drugs Partnership", "drug and alcohol treatment",
     ("recommission drug and alcohol treatment services", "open an alcohol care team in the hospital")),
    ("Sexual Health", "Improve sexual health",
     "make sexual health services easy to reach for everyone, especially young people", "A",
     "Health Protection Board", "sexual health",
     ("launch an online sexual health testing service", "open a young people's clinic in the college")),
    ("Cancer Prevention", "Prevent cancer and find it early",
     "raise screening rates and help people spot the signs of cancer sooner", "A",
     "Health Protection Board", "cancer screening",
     ("run screening awareness sessions in every community centre",
      "send text reminders for bowel cancer screening")),
    ("Heart Health", "Prevent heart disease and stroke",
     "find and treat high blood pressure and cholesterol earlier, before they cause harm", "A",
     "Health Protection Board", "cardiovascular health",
     ("offer blood pressure checks in every pharmacy", "double the number of NHS Health Checks")),
    ("Adult Mental Health", "Support good mental health at every age",
     "make it easier for adults to get early help for low mood and anxiety", "M",
     "Mental Health and Suicide Prevention Partnership", "adult mental health",
     ("open a mental health crisis cafe", "train 1,000 residents in mental health first aid")),
    ("Suicide Prevention", "Prevent suicide",
     "prevent suicide and support people bereaved by suicide", "M",
     "Mental Health and Suicide Prevention Partnership", "suicide prevention",
     ("publish a Suicide Prevention Action Plan", "set up a bereavement support service")),
    ("Loneliness and Isolation", "Reduce loneliness",
     "help people who are lonely or isolated to connect with others in their community", "M",
     "Ageing Well Partnership", "loneliness",
     ("launch a befriending service", "map community groups in every ward")),
    ("Dementia", "Help people to live well with dementia",
     "diagnose dementia earlier and support people with dementia and their carers to live well", "G",
     "Ageing Well Partnership", "dementia",
     ("become a dementia-friendly community", "open a memory assessment service in the community")),
    ("Falls Prevention", "Prevent falls in older people",
     "reduce falls and the injuries they cause among older people", "G", "Ageing Well Partnership",
     "falls prevention",
     ("offer strength and balance classes in every locality", "assess every care home for falls risk")),
    ("Carers", "Support unpaid carers",
     "recognise unpaid carers and give them the support and breaks they need", "G",
     "Carers Partnership", "carers support",
     ("refresh the carers strategy with carers", "offer every carer a carer's assessment")),
    ("Healthy Ageing", "Help people to age well",
     "help people stay healthy, independent and connected as they grow older", "G",
     "Ageing Well Partnership", "healthy ageing",
     ("publish an ageing well strategy", "join the network of age-friendly communities")),
    ("Housing and Health", "Make sure everyone has a warm, safe home",
     "improve poor housing and its effects on health, and prevent homelessness", "D",
     "Housing and Health Partnership", "housing conditions",
     ("inspect 500 private rented homes for hazards", "offer a home safety check to every older tenant")),
    ("Good Work", "Help people into good work",
     "help people with health conditions into good work and keep them in it", "D",
     "Skills and Participation Group", "employment support",
     ("launch an employment support service for people with health conditions",
      "sign up 50 employers to a healthy workplace charter")),
    ("Air Quality", "Improve the air we breathe",
     "reduce air pollution, especially near schools and busy roads", "D", "Healthy Places Group",
     "air quality", ("introduce school streets at 20 primary schools",
                     "publish an air quality action plan")),
    ("Healthy Places", "Make our places healthier",
     "use planning, licensing and transport to make healthy choices easier", "D",
     "Healthy Places Group", "healthy places",
     ("adopt a health impact assessment for every major planning application",
      "limit new hot food takeaways near schools")),
    ("Community Safety", "Make our communities safer",
     "reduce violence and anti-social behaviour and help people feel safe", "D",
     "Community Safety Partnership", "community safety",
     ("publish a serious violence strategy", "fund youth workers in the town centre at weekends")),
    ("Health Inequalities", "Narrow the gap in healthy life expectancy",
     "close the gap in healthy life expectancy between the richest and poorest neighbourhoods", "D",
     "", "health inequalities",
     ("target prevention funding at the most deprived neighbourhoods",
      "publish a health inequalities dashboard")),
    ("Homelessness and Rough Sleeping", "End rough sleeping",
     "prevent homelessness and end rough sleeping", "D", "Housing and Health Partnership",
     "rough sleeping", ("open a rough sleeper hub", "offer a health check to every rough sleeper")),
    ("Learning Disability", "Improve the lives of people with a learning disability",
     "help people with a learning disability to live healthy, independent lives", "A",
     "Preparing for Adulthood Board", "learning disability",
     ("raise the number of annual health checks", "create 30 supported internships")),
    ("Independence at Home", "Help people stay independent at home",
     "help people return home from hospital quickly and stay independent for longer", "G", "",
     "reablement", ("expand the reablement service", "introduce a single discharge team")),
    ("Vaccination", "Protect people through vaccination",
     "raise vaccination rates, especially among people at greatest risk", "A",
     "Health Protection Board", "adult vaccination",
     ("run vaccination clinics in community venues", "publish a vaccination equity plan")),
    ("Gambling Harm", "Reduce gambling harm",
     "recognise and reduce the harm that gambling does to people and families", "A",
     "Combating Drugs Partnership", "gambling harm",
     ("train frontline staff to spot gambling harm", "publish a gambling harm needs assessment")),
    ("Warm Homes", "Help people to keep warm",
     "help households in fuel poverty keep warm and reduce cold-related illness", "D",
     "Housing and Health Partnership", "fuel poverty",
     ("insulate 1,000 homes", "refer every vulnerable patient to the warm homes service")),
    ("Diabetes Prevention", "Prevent type 2 diabetes",
     "find people at risk of type 2 diabetes and help them reduce that risk", "A",
     "Physical Activity Alliance", "diabetes prevention",
     ("double referrals to the diabetes prevention programme",
      "offer diabetes checks at community events")),
))
CHILD_THEMES = tuple(t for t in THEMES if t.domain in "HSLWPV")
ADULT_THEMES = tuple(t for t in THEMES if t.domain in "AMGD")

GENERIC_ACTIONS = (
    "publish a refreshed {title} Action Plan",
    "agree a shared {topic} dataset across partners",
    "review the {topic} pathway with children, young people and families",
    "train {n} frontline staff in {topic}",
    "commission an independent evaluation of {topic} services",
    "report progress on {topic} to the {board}",
    "bring {topic} services together in every locality",
)

# Outcome domains: (top-level wordings, description, [(sub-outcome, indicator ids)]).
OUTCOMES = {
    "H": (("Giving babies, children and young people a healthy start",
           "Children and young people are healthy", "Be healthy"),
          "Children are born healthy, grow up active and a healthy weight, and have the emotional "
          "resilience to cope with setbacks.",
          (("Healthy pregnancies and thriving babies",
            ("smoking_delivery", "breastfeeding", "mmr2", "infant_mortality", "low_birth_weight")),
           ("Children and young people are active and a healthy weight",
            ("reception_obese", "year6_obese", "tooth_decay", "child_active")),
           ("Children and young people enjoy good emotional wellbeing",
            ("self_harm", "camhs_wait", "wellbeing_score")),
           ("Young people make safe and informed choices",
            ("u18_conception", "fte", "substance_tx", "alcohol_u18")),
           ("Children with long-term conditions are well supported", ("asthma_adm", "mmr2")))),
    "S": (("Keeping children safe and supporting families early",
           "Children and young people are safe", "Stay safe"),
          "Families get the right help as soon as difficulties appear, and children at risk of harm "
          "are protected quickly and well.",
          (("Children are protected from harm", ("cp_plan", "rereferral", "missing", "cp_second")),
           ("Families get the right help at the right time", ("eh_closed", "stepdown")),
           ("Children in care have stable, loving homes",
            ("cic_rate", "placement_stability", "care_leaver_accom")),
           ("Young people are safe from exploitation", ("exploitation", "return_interview", "custody")),
           ("Children live free from domestic abuse", ("da_repeat", "cp_plan")))),
    "L": (("Helping every child to learn and achieve",
           "Children and young people achieve their potential", "Enjoy and achieve"),
          "Children start school ready to learn, attend regularly and leave with the qualifications "
          "they are capable of.",
          (("Young children are ready to start school", ("two_year", "gld")),
           ("Children and young people attend and achieve well",
            ("ks2_rwm", "att8", "persistent_absence", "perm_excl")),
           ("The gap narrows for disadvantaged children", ("ks2_gap", "cic_ks2", "fsm_gap_16")),
           ("Children with SEND get the support they need", ("ehcp_20wk", "send_support_ks2")))),
    "W": (("Preparing young people for adulthood, work and independence",
           "Young people are ready for adult life", "Achieve economic well-being"),
          "Young people move into further learning, training or work and are ready to live "
          "independently.",
          (("Young people progress into education, employment or training",
            ("neet", "care_leaver_eet", "apprenticeship")),
           ("Young people gain skills and qualifications", ("level3_19", "level2_em_19")),
           ("Young people move into independent living", ("care_leaver_accom", "youth_homeless")))),
    "P": (("Fewer children grow up in poverty", "Families are strong and resilient",
           "Families are financially secure"),
          "Fewer children grow up in households without enough money, and parents get the help "
          "they need to care for their children well.",
          (("Fewer children grow up in low income families", ("low_income", "fsm_takeup")),
           ("Parents get help to be the best parents they can be", ("parenting_complete", "eh_closed")),
           ("Families have homes that meet their needs", ("temp_accom", "fuel_poverty")))),
    "V": (("Children and young people have a voice and make a positive contribution",
           "Make a positive contribution", "Children and young people are listened to and involved"),
          "Children and young people take part in their communities and shape the services they use.",
          (("Young people take part in positive activities", ("youth_activity", "volunteering")),
           ("Children and young people shape the services they use", ("youth_voice",)),
           ("Young carers are identified and supported", ("young_carers",)))),
}
OUTCOME_SHORT = {"H": "Healthy start", "S": "Safe and supported", "L": "Learn and achieve",
                 "W": "Adulthood and work", "P": "Strong families", "V": "Voice and contribution"}
ECM = ("Be healthy", "Stay safe", "Enjoy and achieve", "Make a positive contribution",
       "Achieve economic well-being")
ECM_OF = {"H": 0, "S": 1, "L": 2, "V": 3, "W": 4, "P": 4}

# Indicators: (id, kind, wording, per, domain, (lo, hi), extra wordings). Kinds: pct -> "% of x",
# "Percentage of x", "Proportion of x"; rate -> "X (rate per ...)", "Rate of x per ...",
# "X per ..."; num -> "Number of x", "X (number)", "Total number of x"; score -> as written.
INDICATORS = (
    ("smoking_delivery", "pct", "mothers smoking at the time of delivery", "", "H", (5, 18),
     ("Smoking status at time of delivery",)),
    ("breastfeeding", "pct", "infants totally or partially breastfed at 6-8 weeks", "", "H", (30, 65),
     ("Breastfeeding prevalence at 6-8 weeks",)),
    ("mmr2", "pct", "children who have had two doses of MMR vaccine by their fifth birthday", "", "H",
     (82, 95), ()),
    ("infant_mortality", "rate", "infant deaths", "per 1,000 live births", "H", (2.5, 6.5),
     ("Infant mortality rate",)),
    ("low_birth_weight", "pct", "term babies born with a low birth weight", "", "H", (2, 4.5), ()),
    ("reception_obese", "pct", "Reception children who are overweight or obese", "", "H", (18, 27),
     ("Reception: prevalence of overweight (including obesity)",)),
    ("year6_obese", "pct", "Year 6 children who are overweight or obese", "", "H", (30, 42),
     ("Year 6: prevalence of overweight (including obesity)",)),
    ("tooth_decay", "pct", "five year olds with visible tooth decay", "", "H", (15, 35), ()),
    ("child_active", "pct", "children and young people meeting the physical activity guidelines", "",
     "H", (35, 55), ()),
    ("self_harm", "rate", "hospital admissions as a result of self-harm, ages 10-24", "per 100,000",
     "H", (300, 600), ("Hospital admissions as a result of self-harm (10-24 years)",)),
    ("camhs_wait", "pct", "young people referred to children's mental health services who are seen "
     "within four weeks", "", "H", (40, 85), ()),
    ("u18_conception", "rate", "under 18 conceptions", "per 1,000 females aged 15-17", "H", (10, 25),
     ("Under 18 conception rate",)),
    ("fte", "rate", "first time entrants to the youth justice system", "per 100,000 aged 10-17", "S",
     (120, 320), ("First time entrants to the Youth Justice System",)),
    ("substance_tx", "num", "young people starting specialist substance misuse treatment", "", "H",
     (40, 180), ()),
    ("alcohol_u18", "rate", "alcohol-specific hospital admissions, under 18s", "per 100,000", "H",
     (15, 45), ()),
    ("asthma_adm", "rate", "emergency hospital admissions for asthma, under 19s", "per 100,000", "H",
     (120, 260), ()),
    ("wellbeing_score", "pct", "young people reporting high life satisfaction", "", "H", (55, 80), ()),
    ("cp_plan", "rate", "children subject to a Child Protection Plan", "per 10,000 children aged 0-17",
     "S", (30, 60), ()),
    ("rereferral", "pct", "referrals to children's social care that are re-referrals within 12 months",
     "", "S", (15, 28), ()),
    ("missing", "num", "episodes of children going missing from home or care", "", "S", (300, 1400), ()),
    ("cp_second", "pct", "children becoming the subject of a Child Protection Plan for a second or "
     "subsequent time", "", "S", (15, 28), ()),
    ("eh_closed", "num", "Early Help Assessments closed because needs have been met", "", "S",
     (400, 2200), ()),
    ("stepdown", "pct", "families stepped down from social care to early help who are not referred "
     "again within six months", "", "S", (70, 92), ()),
    ("cic_rate", "rate", "children in care", "per 10,000 children aged 0-17", "S", (55, 110),
     ("Children looked after rate",)),
    ("placement_stability", "pct", "children in care with three or more placements in the year", "",
     "S", (7, 13), ()),
    ("care_leaver_accom", "pct", "care leavers aged 19-21 in suitable accommodation", "", "W",
     (82, 95), ()),
    ("da_repeat", "pct", "repeat referrals to the Multi-Agency Risk Assessment Conference", "", "S",
     (25, 40), ()),
    ("exploitation", "num", "children identified as at risk of exploitation", "", "S", (40, 220), ()),
    ("return_interview", "pct", "return home interviews completed within 72 hours", "", "S", (55, 90),
     ()),
    ("custody", "num", "young people sentenced to custody", "", "S", (2, 20), ()),
    ("two_year", "pct", "eligible two year olds taking up funded early education", "", "L", (65, 90),
     ()),
    ("gld", "pct", "children reaching a good level of development at the end of Reception", "", "L",
     (60, 72), ("Good level of development at age 5",)),
    ("ks2_rwm", "pct", "pupils meeting the expected standard in reading, writing and maths at Key "
     "Stage 2", "", "L", (52, 66), ()),
    ("att8", "score", "Average Attainment 8 score", "", "L", (42, 50),
     ("Attainment 8 (average score per pupil)", "Average Attainment 8 score per pupil")),
    ("persistent_absence", "pct", "secondary pupils who are persistently absent", "", "L", (15, 30),
     ("Rate of persistent absence in secondary schools",)),
    ("perm_excl", "num", "permanent exclusions from schools", "", "L", (10, 90), ()),
    ("ks2_gap", "score", "Gap at Key Stage 2 between disadvantaged pupils and their peers in reading, "
     "writing and maths", "", "L", (15, 28),
     ("Disadvantage gap at Key Stage 2 (reading, writing and maths)",)),
    ("cic_ks2", "pct", "children in care meeting the expected standard at Key Stage 2", "", "L",
     (25, 45), ()),
    ("fsm_gap_16", "score", "Attainment gap at age 16 between pupils eligible for free school meals "
     "and their peers", "", "L", (15, 30), ("Free school meals attainment gap at age 16",)),
    ("ehcp_20wk", "pct", "new Education, Health and Care Plans issued within 20 weeks", "", "L",
     (40, 95), ()),
    ("send_support_ks2", "pct", "pupils with SEN support meeting the expected standard at Key Stage 2",
     "", "L", (15, 25), ()),
    ("neet", "pct", "16-17 year olds not in education, employment or training, or whose activity is "
     "not known", "", "W", (3, 8), ()),
    ("care_leaver_eet", "pct", "care leavers aged 19-21 in education, employment or training", "", "W",
     (45, 65), ()),
    ("apprenticeship", "num", "apprenticeship starts by young people aged 16-24", "", "W", (400, 2000),
     ()),
    ("level3_19", "pct", "young people qualified to Level 3 by age 19", "", "W", (45, 62), ()),
    ("level2_em_19", "pct", "young people with Level 2 English and maths by age 19", "", "W", (60, 78),
     ()),
    ("youth_homeless", "num", "young people aged 16-24 presenting as homeless", "", "P", (80, 400), ()),
    ("low_income", "pct", "children under 16 living in relative low income families", "", "P",
     (12, 32), ("Children in relative low income families (under 16s)",)),
    ("fsm_takeup", "pct", "eligible pupils taking up free school meals", "", "P", (75, 92), ()),
    ("temp_accom", "num", "families with children in temporary accommodation", "", "P", (40, 400), ()),
    ("parenting_complete", "num", "parents completing an evidence-based parenting programme", "", "P",
     (120, 700), ()),
    ("fuel_poverty", "pct", "households in fuel poverty", "", "D", (9, 18), ()),
    ("youth_activity", "pct", "young people taking part in a positive activity each week", "", "V",
     (40, 70), ()),
    ("youth_voice", "num", "young people involved in designing or commissioning services", "", "V",
     (60, 450), ()),
    ("young_carers", "num", "young carers assessed and supported", "", "V", (150, 800), ()),
    ("volunteering", "pct", "young people who volunteer at least once a month", "", "V", (12, 30), ()),
    ("smoking_adult", "pct", "adults (18+) who smoke", "", "A", (10, 18),
     ("Smoking prevalence in adults (18+)",)),
    ("active_adults", "pct", "physically active adults", "", "A", (55, 70), ()),
    ("inactive_adults", "pct", "physically inactive adults", "", "A", (18, 30), ()),
    ("alcohol_adm", "rate", "admission episodes for alcohol-specific conditions", "per 100,000", "A",
     (450, 900), ()),
    ("drug_deaths", "rate", "deaths from drug misuse", "per 100,000", "A", (3, 12), ()),
    ("adult_obesity", "pct", "adults classified as overweight or obese", "", "A", (58, 70), ()),
    ("cancer_screen", "pct", "eligible women screened for breast cancer in the last three years", "",
     "A", (62, 78), ()),
    ("early_cancer", "pct", "cancers diagnosed at stage 1 or 2", "", "A", (48, 60), ()),
    ("cvd_mortality", "rate", "deaths from cardiovascular disease considered preventable, under 75s",
     "per 100,000", "A", (25, 45), ()),
    ("flu_65", "pct", "people aged 65 and over vaccinated against flu", "", "A", (68, 82), ()),
    ("chlamydia", "pct", "young women aged 15-24 screened for chlamydia", "", "A", (15, 30), ()),
    ("diabetes_dx", "pct", "adults with diabetes who have been diagnosed", "", "A", (70, 85), ()),
    ("gambling", "pct", "adults at risk of gambling harm", "", "A", (2, 5), ()),
    ("suicide", "rate", "deaths from suicide", "per 100,000", "M", (8, 14), ("Suicide rate",)),
    ("depression", "pct", "adults recorded as having depression", "", "M", (10, 17), ()),
    ("talking", "pct", "people referred for talking therapies who move to recovery", "", "M",
     (45, 55), ()),
    ("loneliness", "pct", "adults who feel lonely often or always", "", "M", (5, 10), ()),
    ("smi_check", "pct", "people with severe mental illness receiving a full physical health check",
     "", "M", (35, 70), ()),
    ("falls", "rate", "emergency hospital admissions due to falls, people aged 65 and over",
     "per 1,000", "G", (18, 32), ()),
    ("dementia_dx", "pct", "people aged 65 and over with dementia who have a diagnosis", "", "G",
     (55, 72), ("Estimated dementia diagnosis rate (aged 65 and over)",)),
    ("reablement", "pct", "older people still at home 91 days after discharge into reablement", "",
     "G", (75, 90), ()),
    ("carers_contact", "pct", "adult carers who have as much social contact as they would like", "",
     "G", (20, 35), ()),
    ("hle_male", "score", "Healthy life expectancy at birth (male)", "", "G", (58, 66),
     ("Male healthy life expectancy at birth",)),
    ("hle_female", "score", "Healthy life expectancy at birth (female)", "", "G", (58, 67),
     ("Female healthy life expectancy at birth",)),
    ("homeless", "num", "households owed a homelessness prevention duty", "", "D", (600, 2600), ()),
    ("rough_sleepers", "num", "people sleeping rough on a single night", "", "D", (5, 45), ()),
    ("employment_gap", "score", "Gap in the employment rate between people with a long-term health "
     "condition and the overall employment rate", "", "D", (8, 16), ()),
    ("air_pm25", "pct", "deaths attributable to particulate air pollution", "", "D", (4, 7),
     ("Fraction of mortality attributable to particulate air pollution",)),
    ("ld_employment", "pct", "adults with a learning disability in paid employment", "", "D", (3, 8),
     ()),
    ("violent_crime", "rate", "violent crime offences", "per 1,000 population", "D", (20, 40), ()),
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _wordings(kind: str, text: str, per: str, extra: tuple[str, ...]) -> tuple[str, ...]:
    if kind == "pct":
        out = (f"% of {text}", f"Percentage of {text}", f"Proportion of {text}")
    elif kind == "rate":
        out = (f"{_cap(text)} (rate {per})", f"Rate of {text} {per}", f"{_cap(text)} {per}")
    elif kind == "num":
        out = (f"Number of {text}", f"{_cap(text)} (number)", f"Total number of {text}")
    else:
        out = (text,)
    return out + extra


@dataclass(frozen=True)
class Indicator:
    id: str
    kind: str
    domain: str
    low: float
    high: float
    wordings: tuple[str, ...]


INDICATOR = {i[0]: Indicator(i[0], i[1], i[4], i[5][0], i[5][1], _wordings(i[1], i[2], i[3], i[6]))
             for i in INDICATORS}
INDICATORS_BY_DOMAIN: dict[str, tuple[str, ...]] = {
    d: tuple(i.id for i in INDICATOR.values() if i.domain == d) for d in "HSLWPVAMGD"}

# The indicators a theme is usually measured by (before the rest of its domain's).
THEME_MEASURES = {
    "Best Start": ("gld", "breastfeeding", "two_year"), "Healthy Weight": ("reception_obese", "year6_obese"),
    "Emotional Health and Wellbeing": ("camhs_wait", "self_harm", "wellbeing_score"),
    "Safer Choices": ("u18_conception", "fte", "substance_tx"),
    "Early Help and Safeguarding": ("cp_plan", "rereferral", "eh_closed"),
    "Attendance and Inclusion": ("persistent_absence", "perm_excl"),
    "Pathways to Work": ("neet", "care_leaver_eet", "apprenticeship"),
    "Family Finances": ("low_income", "fsm_takeup"), "Oral Health": ("tooth_decay",),
    "Immunisation": ("mmr2",), "Infant Feeding": ("breastfeeding",),
    "Smokefree Pregnancy": ("smoking_delivery", "low_birth_weight"),
    "Speech, Language and Communication": ("gld", "two_year"), "School Readiness": ("gld", "two_year"),
    "Closing the Gap": ("ks2_gap", "fsm_gap_16"),
    "Special Educational Needs and Disabilities": ("ehcp_20wk", "send_support_ks2"),
    "Children in Care and Care Leavers": ("cic_rate", "placement_stability", "care_leaver_accom"),
    "Domestic Abuse": ("da_repeat",), "Child Exploitation": ("exploitation", "return_interview"),
    "Missing Children": ("missing", "return_interview"), "Youth Justice": ("fte", "custody"),
    "Neglect": ("cp_plan", "cp_second"), "Young Carers": ("young_carers",),
    "Voice and Participation": ("youth_voice",), "Positive Activities": ("youth_activity", "volunteering"),
    "Preparing for Adulthood": ("care_leaver_accom", "ld_employment"),
    "Skills and Qualifications": ("level3_19", "level2_em_19"), "Youth Homelessness": ("youth_homeless",),
    "Food Security": ("fsm_takeup", "low_income"), "Family Hubs": ("eh_closed", "breastfeeding"),
    "Parenting Support": ("parenting_complete",), "Workforce Development": ("stepdown",),
    "Reducing Parental Conflict": ("parenting_complete", "stepdown"),
    "Perinatal Mental Health": ("depression",), "Digital Inclusion": ("neet",),
    "Smoking and Tobacco": ("smoking_adult", "smoking_delivery"),
    "Physical Activity": ("active_adults", "inactive_adults", "child_active"),
    "Alcohol and Drugs": ("alcohol_adm", "drug_deaths"), "Sexual Health": ("chlamydia", "u18_conception"),
    "Cancer Prevention": ("cancer_screen", "early_cancer"), "Heart Health": ("cvd_mortality",),
    "Adult Mental Health": ("talking", "depression", "smi_check"), "Suicide Prevention": ("suicide",),
    "Loneliness and Isolation": ("loneliness",), "Dementia": ("dementia_dx",), "Falls Prevention": ("falls",),
    "Carers": ("carers_contact",), "Healthy Ageing": ("hle_male", "hle_female"),
    "Housing and Health": ("homeless", "fuel_poverty"), "Good Work": ("employment_gap",),
    "Air Quality": ("air_pm25",), "Healthy Places": ("adult_obesity", "active_adults"),
    "Community Safety": ("violent_crime",), "Health Inequalities": ("hle_male", "hle_female"),
    "Homelessness and Rough Sleeping": ("rough_sleepers", "homeless"),
    "Learning Disability": ("ld_employment",), "Independence at Home": ("reablement",),
    "Vaccination": ("flu_65",), "Gambling Harm": ("gambling",), "Warm Homes": ("fuel_poverty",),
    "Diabetes Prevention": ("diabetes_dx", "adult_obesity"),
}
THEME_INDICATORS = {t.title: (*THEME_MEASURES[t.title], *(i for i in INDICATORS_BY_DOMAIN[t.domain]
                                                           if i not in THEME_MEASURES[t.title]))
                    for t in THEMES}

PRINCIPLES = (
    "To put the voice of children and young people at the centre of decisions about them",
    "To help early, before problems become entrenched",
    "To think family, working with the whole household rather than one member of it",
    "To focus on the children who face the biggest barriers, so that gaps close",
    "To share information safely so that families only have to tell their story once",
    "To check the difference we make and change course when the evidence says so",
    "To build on the strengths of families and communities",
    "To commission jointly wherever it gives better value",
    "To make services easy to find and easy to reach",
    "To respect and value diversity in everything we do",
    "To treat children, young people and families with dignity and kindness",
    "To plan and deliver services in localities, close to where families live",
    "To grow a skilled and confident workforce across every partner",
    "To use data and research to decide where to act first",
)
VISIONS = (
    "Every child in {a} grows up safe, healthy and hopeful, with the people and places around them "
    "helping them to become the adult they want to be",
    "A place where every child and young person can enjoy their childhood, free from poverty and safe "
    "from harm",
    "Every child, young person and family in {a} has the chance to thrive",
    "Children and young people in {a} are safe, healthy, happy and ready for the future",
)
TAGLINES = ("Growing up well in {a}", "Every child matters in {a}", "Brighter futures for {a}",
            "Together for children in {a}", "It takes a whole community")
HWB_NAMES = ("Living Well in {a}", "Healthier Together", "A Healthier {a}", "Fairer, Healthier Lives",
             "Well in {a}")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
SEASONS = ("spring", "summer", "autumn")
CYPP_NOUNS = ("Children and Young People's Plan", "Children, Young People and Families Plan",
              "Children and Young People's Plan")
HWB_NOUNS = ("Health and Wellbeing Strategy", "Joint Health and Wellbeing Strategy")
CYPP_PERIODS = (2024, 2021, 2018, 2015, 2012, 2009, 2027, 2006)
HWB_PERIODS = (2024, 2019, 2014, 2029, 2021, 2016, 2026, 2011)
KINDS = ("County", "City", "Borough", "")
NEVER = 10**9


# --------------------------------------------------------------------------------------------
# The world: authorities, their people and boards
# --------------------------------------------------------------------------------------------


@dataclass
class Person:
    first: str
    last: str
    middle: str
    honorific: str
    role: str
    post: str
    org: str
    email: str
    nick: str
    alt_post: str  # the title used from `change_at` on
    change_at: int  # unit index from which the changed title is used (large = never)
    variants: dict[str, None] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def post_at(self, unit: int) -> str:
        return self.alt_post if unit >= self.change_at else self.post


@dataclass
class Authority:
    index: int
    name: str
    kind: str
    neighbour: str
    council: str
    area: str  # as the pipeline names it: "X City" for a city council, else "X"
    slug: str
    orgs: dict[str, str]
    people: list[Person]
    by_role: dict[str, Person]
    boards: dict[str, str]  # key -> name: cpb, hwb, scp, and the strategic groups by name
    groups: list[str]
    cypp_noun: str
    hwb_noun: str
    seed: int
    localities: list[str] = field(default_factory=list)
    locality_names: Names | None = None
    leads: dict[str, tuple[list[Person], list[Person], str]] = field(default_factory=dict)

    def senior(self) -> list[Person]:
        return [p for p in self.people if ROLE_INDEX[p.role][5] == "s"]

    def operational(self) -> list[Person]:
        return [p for p in self.people if ROLE_INDEX[p.role][5] == "o"]


class Names:
    """Unique invented place names, drawn in a fixed order from one generator."""

    def __init__(self, key: str, used: set[str] | None = None) -> None:
        self.rng = random.Random(f"plangraph-corpus:{key}")
        self.used: set[str] = set(used or ())

    def next(self) -> str:
        for _ in range(1000):
            name = (self.rng.choice(ONSETS) + self.rng.choice(LINKS) + self.rng.choice(SUFFIXES))
            if name not in self.used:
                self.used.add(name)
                return name
        # the pool is spent: two-part names ("Upper X") are still unused
        base = self.rng.choice(sorted(self.used))
        name = f"{self.rng.choice(('Upper', 'Lower', 'North', 'South', 'East', 'West'))} {base}"
        while name in self.used:
            name += self.rng.choice(LINKS)
        self.used.add(name)
        return name


def _email(first: str, last: str, org: str, authority: str, neighbour: str) -> str:
    local = f"{first}.{last}".lower().replace("'", "")
    domain = EMAIL_DOMAINS.get(org, "{s}.org.example")
    return f"{local}@" + domain.format(s=authority.lower().replace(" ", ""),
                                       ns=neighbour.lower().replace(" ", ""))


def build_authority(index: int, name: str, neighbour: str, seed: int) -> Authority:
    rng = random.Random(f"plangraph-corpus:{seed}:authority:{index}")
    kind = KINDS[rng.randrange(len(KINDS))]
    council = f"{name} {kind} Council" if kind else f"{name} Council"
    area = f"{name} City" if kind == "City" else name
    orgs = {k: v.format(a=name, n=neighbour) for k, v in ORGS.items()}
    orgs["council"] = council
    orgs["school"] = f"{rng.choice(('Brambleford', 'Hollyfield', 'St Aldric', 'Meadowside'))} Primary School"
    orgs["academy"] = f"{name} {rng.choice(('Academy', 'High School', 'Community College'))}"
    orgs["youth"] = f"{name} Youth Council"
    total = rng.randint(20, 60)
    extras = rng.sample(EXTRA_ROLES, min(len(EXTRA_ROLES), max(0, total - len(CORE_ROLES))))
    roles = [*CORE_ROLES, *extras]
    people: list[Person] = []
    names_used: set[tuple[str, str]] = set()
    surnames_used: set[str] = set()
    for role in roles:
        key, post, org, honorific, _, _ = role
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            # a few people share a surname with someone else in the authority
            if (first, last) not in names_used and (last not in surnames_used or rng.random() < 0.05):
                break
        names_used.add((first, last))
        surnames_used.add(last)
        if honorific == "Dr?":
            honorific = "Dr" if rng.random() < 0.5 else ""
        if honorific == "Superintendent" and rng.random() < 0.4:
            honorific = "Chief Superintendent"
        if key == "place":
            post = f"Place Director ({name})"
        elif key == "police":
            post = f"Divisional Commander ({name})"
        elif key == "probation":
            post = f"Head of {name} Probation Delivery Unit"
        middle = rng.choice(INITIALS) if rng.random() < 0.4 else ""
        nick = NICKNAMES.get(first, "") if rng.random() < 0.7 else ""
        if post.startswith("Head of "):
            alt = "Assistant Director, " + post.removeprefix("Head of ")
        elif post.startswith("Director of "):
            alt = "Executive Director of " + post.removeprefix("Director of ")
        else:
            alt = "Interim " + post
        change_at = rng.randint(2, 12) if rng.random() < 0.2 and honorific != "Councillor" else NEVER
        people.append(Person(first, last, middle, honorific, key, post, orgs[org],
                             _email(first, last, org, name, neighbour), nick, alt, change_at))
    by_role = {p.role: p for p in people}
    groups = [*ALWAYS_GROUPS, *rng.sample(GROUPS, rng.randint(3, 7))]
    boards = {"cpb": f"{name} Children's Partnership Board", "hwb": f"{name} Health and Wellbeing Board",
              "scp": orgs["scp"], "csp": f"Safer {name} Partnership"}
    for g in groups:
        boards[g] = g
    return Authority(index, name, kind, neighbour, council, area, area.lower().replace(" ", "-"),
                     orgs, people, by_role, boards, groups,
                     CYPP_NOUNS[rng.randrange(len(CYPP_NOUNS))], HWB_NOUNS[rng.randrange(2)], seed)


@dataclass
class World:
    """The authorities of one corpus and the seed everything else is drawn from."""

    seed: int
    authorities: list[Authority]
    taken: set[str]  # every authority name; localities avoid them


def build_world(authorities: int, seed: int) -> World:
    names = Names(f"{seed}:places")
    own = [names.next() for _ in range(authorities)]
    out = []
    for i, name in enumerate(own):
        # neighbours pair up (0-1, 2-3...); the last of an odd count gets an invented one
        j = i ^ 1
        neighbour = own[j] if j < len(own) else names.next()
        out.append(build_authority(i, name, neighbour, seed))
    return World(seed, out, set(names.used))


def locality(world: World, a: Authority, k: int) -> str:
    """The authority's k-th locality (1-based), invented on first use from the authority's own
    generator, so a document's text does not depend on how many plans other authorities have."""
    if a.locality_names is None:
        a.locality_names = Names(f"{world.seed}:{a.index}:localities", world.taken)
    while len(a.localities) < k:
        a.localities.append(a.locality_names.next())
    return a.localities[k - 1]


# Posts that usually lead a theme of each domain, strategically and operationally.
SENIOR_FOR = {
    "H": ("dph", "nursing", "coo", "ad_ph"), "S": ("dcs", "nursing", "police", "ad_cs"),
    "L": ("ded", "dcs", "principal", "ad_ed"), "W": ("dwp", "principal", "ded", "ad_ed"),
    "P": ("ceo", "vcs", "dcs", "housing_dir"), "V": ("hpeh", "vcs", "dcs"),
    "A": ("dph", "ad_ph", "place", "acute_ceo"), "M": ("mh_director", "dph", "place"),
    "G": ("das", "dad", "place"), "D": ("housing_dir", "ceo", "dph"),
}
OPERATIONAL_FOR = {
    "H": ("cphc", "hw_manager", "camhs", "tp", "best_start", "hi", "gp", "early_years"),
    "S": ("head_eh", "safeguarding", "cic", "dnsc", "ddsc", "exploitation", "da", "dv_police", "hyj"),
    "L": ("send", "attendance", "virtual", "early_years", "edpsych"),
    "W": ("skills", "participation", "youth", "virtual"), "P": ("poverty", "hubs", "head_eh", "housing"),
    "V": ("participation", "youth", "carers", "ppo"), "A": ("cphad", "hi", "drugs", "activity", "intel"),
    "M": ("suicide", "cphad", "hi"), "G": ("asw", "carers", "cphad"),
    "D": ("housing", "env", "csafety", "intel"),
}


def theme_leads(a: Authority, theme: Theme) -> tuple[list[Person], list[Person], str]:
    """Who leads a theme in this authority: stable across its documents."""
    if theme.title in a.leads:
        return a.leads[theme.title]
    rng = random.Random(f"plangraph-corpus:{a.seed}:{a.index}:lead:{theme.title}")
    fit_senior = [a.by_role[r] for r in SENIOR_FOR[theme.domain] if r in a.by_role]
    fit_ops = [a.by_role[r] for r in OPERATIONAL_FOR[theme.domain] if r in a.by_role]
    senior = fit_senior if fit_senior and rng.random() < 0.85 else a.senior()
    operational = fit_ops if fit_ops and rng.random() < 0.85 else a.operational()
    strategic = rng.sample(senior, 2 if rng.random() < 0.15 and len(senior) > 1 else 1)
    if rng.random() < 0.07:
        strategic = []  # nobody nominated yet
    ops = rng.sample(operational, 2 if rng.random() < 0.15 and len(operational) > 1 else 1)
    if theme.group == "SCP":
        group = a.boards["scp"]
    elif theme.group in a.groups:
        group = theme.group
    elif theme.domain in "AMGD":
        group = a.boards["hwb"]
    else:
        group = "Children's Partnership Board" if rng.random() < 0.5 else ""
    a.leads[theme.title] = (strategic, ops, group)
    return a.leads[theme.title]


# --------------------------------------------------------------------------------------------
# Plans: what a plan unit holds, before it is written
# --------------------------------------------------------------------------------------------


@dataclass
class Plan:
    authority: Authority
    unit: int
    kind: str  # cypp | hwb
    title: str
    y1: int
    y2: int
    place: str  # the authority's name, or a locality's
    themes: list[Theme]
    outcomes: list[str] = field(default_factory=list)  # domains


def plan_spec(world: World, a: Authority, unit: int) -> Plan:
    rng = random.Random(f"plangraph-corpus:{a.seed}:{a.index}:plan:{unit}")
    kind = "cypp" if unit % 2 == 0 else "hwb"
    periods = CYPP_PERIODS if kind == "cypp" else HWB_PERIODS
    y1 = periods[(unit // 2) % len(periods)]
    y2 = y1 + (3 if kind == "cypp" else 5)
    series = unit // (2 * len(periods))
    place = a.name if series == 0 else locality(world, a, series)
    noun = a.cypp_noun if kind == "cypp" else a.hwb_noun
    if kind == "cypp":
        outcomes = sorted(rng.sample("HSLWPV", rng.randint(3, 5)), key="HSLWPV".index)
        pool = [t for t in CHILD_THEMES if t.domain in outcomes]
        rest = [t for t in CHILD_THEMES if t.domain not in outcomes]
        n = rng.randint(5, 8)
        themes = rng.sample(pool, min(n, len(pool)))
        if len(themes) < n:
            themes += rng.sample(rest, n - len(themes))
    else:
        outcomes = []
        n = rng.randint(3, 6)
        themes = rng.sample(ADULT_THEMES, n - 1) + rng.sample(CHILD_THEMES, 1)
        rng.shuffle(themes)
    return Plan(a, unit, kind, f"{place} {noun} {y1}-{y2}", y1, y2, place, themes, outcomes)


# --------------------------------------------------------------------------------------------
# Writing helpers
# --------------------------------------------------------------------------------------------


def mention(p: Person, rng: random.Random, honorific: bool = True) -> str:
    """How a document names a person: usually in full, sometimes by nickname or with an initial."""
    r = rng.random()
    if p.nick and r < 0.2:
        first = p.nick
    elif p.middle and r < 0.35:
        first = f"{p.first} {p.middle}."
    else:
        first = p.first
    name = f"{first} {p.last}"
    p.variants[name] = None
    if honorific and p.honorific:
        return f"{p.honorific} {name}"
    return name


def due(rng: random.Random, y1: int, y2: int) -> str:
    year = rng.randint(y1, max(y1, y2 - 1))
    r = rng.random()
    if r < 0.7:
        return f"by {MONTHS[rng.randrange(12)]} {year}"
    if r < 0.9:
        return f"in {SEASONS[rng.randrange(3)]} {year}"
    return f"by the end of {MONTHS[rng.randrange(12)]} {year}"


def day(rng: random.Random, year: int) -> str:
    return f"{rng.randint(1, 28)} {MONTHS[rng.randrange(12)]} {year}"


def action_text(theme: Theme, rng: random.Random, board: str) -> list[str]:
    """Two or three actions for a theme: its own and generic ones."""
    out = [s.format(n=rng.randint(2, 5)) for s in theme.actions]
    rng.shuffle(out)
    k = rng.randint(2, 3)
    while len(out) < k:
        g = GENERIC_ACTIONS[rng.randrange(len(GENERIC_ACTIONS))]
        text = g.format(title=theme.title, topic=theme.topic, n=rng.randint(2, 30) * 10, board=board)
        if text not in out:
            out.append(text)
    return out[:k]


def value(ind: Indicator, rng: random.Random) -> str:
    v = rng.uniform(ind.low, ind.high)
    if ind.kind == "pct":
        text = f"{v:.1f}%"
    elif ind.kind == "num":
        text = f"{round(v):,}"
    elif ind.kind == "rate":
        per = next((w.split(" per ")[1].split(" ")[0].rstrip(")") for w in ind.wordings if " per " in w),
                   "1,000")
        text = f"{v:.1f} per {per}"
    elif ind.id.startswith("hle"):
        text = f"{v:.1f} years"
    elif "gap" in ind.id or ind.id == "employment_gap":
        text = f"{v:.1f} percentage points"
    else:
        text = f"{v:.1f}"
    if rng.random() < 0.1:
        text += " (provisional)"
    return text


def period(rng: random.Random, year: int) -> str:
    y = year - rng.randint(1, 2)
    forms = (f"{y}/{(y + 1) % 100:02d}", f"{y} calendar year", f"{y - 2}-{y % 100:02d}", f"March {y + 1}",
             f"{y}/{(y + 1) % 100:02d} academic", f"Q3 {y}/{(y + 1) % 100:02d}")
    return forms[rng.randrange(len(forms))]


def target(ind: Indicator, rng: random.Random, year: int) -> str:
    r = rng.random()
    if r < 0.2:
        return "tbc"
    if r < 0.4:
        return "England average"
    if r < 0.55:
        return "10% reduction"
    return value(ind, rng).replace(" (provisional)", "") + (f" by {year}" if rng.random() < 0.4 else "")


def members(a: Authority, board: str, unit: int, sep: str = "; ") -> list[str]:
    """The membership of a board as 'Post; Organisation' lines."""
    out = []
    for p in a.people:
        flags = ROLE_INDEX[p.role][4]
        if board in flags:
            out.append(f"{p.post_at(unit)}{sep}{p.org}")
    return out


def board_people(a: Authority, board: str) -> list[Person]:
    return [p for p in a.people if board in ROLE_INDEX[p.role][4]]


def _md_table(rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join("---" for _ in rows[0]) + " |"]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return out


def _html_table(rows: list[list[str]], bold_first: bool = False) -> list[str]:
    out = ["<table>"]
    for i, row in enumerate(rows):
        cells = "".join(f"<td><b>{c}</b></td>" if (i == 0 or (bold_first and j == 0 and c)) else
                        f"<td>{c}</td>" for j, c in enumerate(row))
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return out


def _csv_cell(text: str) -> str:
    return f'"{text}"' if ("," in text or '"' in text) else text


# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------


def write_cypp(plan: Plan, rng: random.Random) -> str:
    a = plan.authority
    u = plan.unit
    cpb = a.boards["cpb"]
    hwb = a.boards["hwb"]
    ph1, ph2 = a.by_role["ph_children"], a.by_role["ph_education"]
    lines: list[str] = ["", "", f"# {plan.title}", "",
                        TAGLINES[rng.randrange(len(TAGLINES))].format(a=plan.place), "", "", "", "",
                        a.name.upper(), "CHILDREN'S", "PARTNERSHIP", ""]
    if plan.place != a.name:
        lines += [f"A locality plan for {plan.place}, published by {a.council}", ""]
    other = f"{a.name} Plan {plan.y1 - rng.randint(0, 2)}-{plan.y1 + 6}"
    hwbs = f"{a.name} {a.hwb_noun} {plan.y1 - 1}-{plan.y1 + 4}"
    early = f"Early Help Strategy {plan.y1 - 1}-{plan.y1 + 2}"
    lines += ["## FOREWORD", "",
              f"We write as the joint Chairs of the {cpb}. Over the last three years our partners have shown "
              "what can be done when a council, the NHS, the police, schools and the voluntary sector "
              f"plan as one, and this plan sets out how we will keep doing that until {plan.y2}.", "",
              f"This plan brings together what the {other} and the {hwbs} promise for our youngest "
              f"residents, so that partners work to one set of outcomes rather than several. It incorporates "
              f"the {early}, whose commitment to help families before problems grow now runs through every "
              f"priority.", ""]
    if rng.random() < 0.5:
        lines += [f"It replaces the {a.name} {a.cypp_noun} {plan.y1 - 3}-{plan.y1} and builds on what "
                  f"children and young people told us during the '{a.name} Voices' survey.", ""]
    lines += ["The plan covers every service for children and young people from pregnancy to their "
              "eighteenth birthday, up to 25 for care leavers and for young people with special educational "
              "needs and disabilities.", "",
              "Money is tighter than it was and demand for specialist help keeps rising. That is exactly why "
              "we have kept the list of priorities short and asked each partner to say plainly what "
              "it will do and by when.", "", "", "",
              f"Councillor {mention(ph1, rng, False)}", "Portfolio Holder for", "Children, Young People",
              "and Families", "", "", "",
              f"Councillor {mention(ph2, rng, False)}", "Portfolio Holder for", "Education, Skills",
              "and Employment", "",
              "## VISION", "", "'" + VISIONS[rng.randrange(len(VISIONS))].format(a=plan.place) + "'", ""]
    words = NUMBER_WORDS[2:]
    lines += ["## STRATEGIC OUTCOMES", "",
              f"The Board has agreed {words[len(plan.outcomes) - 2]} strategic outcomes. Each partner "
              f"organisation has signed up to them, and they match the outcomes in the {a.name} Plan.", ""]
    tops = []
    for i, d in enumerate(plan.outcomes, 1):
        wordings, desc, _ = OUTCOMES[d]
        top = wordings[rng.randrange(len(wordings))]
        tops.append(top)
        lines += [f"{i}. {top}", "", desc, ""]
    lines += ["## INDICATORS OF SUCCESS", "",
              f"The indicators below were chosen where {a.name} lags its statistical neighbours, where the "
              f"{a.name} Plan sets a target, or where most partners on the Board contribute.", ""]
    used: set[str] = set()
    for i, d in enumerate(plan.outcomes, 1):
        lines += [f"{i}. {tops[i - 1]}", ""]
        subs = OUTCOMES[d][2]
        chosen = sorted(rng.sample(range(len(subs)), rng.randint(min(2, len(subs)), min(4, len(subs)))))
        for k, s in enumerate(chosen):
            sub, ids = subs[s]
            lines += [f"{i}{'abcdefgh'[k]}. {sub}", ""]
            want = rng.randint(2, 6)
            pool = [x for x in ids if x not in used]
            extra = [x for x in INDICATORS_BY_DOMAIN[d] if x not in used and x not in pool]
            rng.shuffle(extra)
            picks = (pool + extra)[:want]
            for j, ind_id in enumerate(picks):
                used.add(ind_id)
                ind = INDICATOR[ind_id]
                text = ind.wordings[rng.randrange(len(ind.wordings))]
                if rng.random() < 0.15:
                    text += f" ({a.name} Plan target)"
                lines.append(f" - {_roman(j + 1)}) {text}")
            lines.append("")
    principles = rng.sample(PRINCIPLES, rng.randint(4, 7))
    lines += ["## PRINCIPLES", "",
              f"Partners have agreed {words[len(principles) - 2]} principles that apply to every priority, "
              "to commissioning and to the way frontline staff work:", ""]
    lines += [f"- {p}" for p in principles]
    lines.append("")
    lines += _cypp_priorities(plan, rng, len(plan.outcomes))
    # tick matrix: priorities x outcomes
    head = ["Priority"] + [f"{i}. {OUTCOME_SHORT[d]}" for i, d in enumerate(plan.outcomes, 1)]
    rows = [head]
    for t in plan.themes:
        row = [t.title]
        marks = 0
        for d in plan.outcomes:
            if t.domain == d:
                row.append("√√")
                marks += 1
            elif rng.random() < 0.35:
                row.append("√")
                marks += 1
            else:
                row.append("")
        if not marks:
            row[1] = "√"
        rows.append(row)
    lines += ["## HOW OUR PRIORITIES CONTRIBUTE TO THE OUTCOMES", ""]
    lines += _md_table(rows)
    lines += ["", "√√ = primary contribution, √ = additional contribution", ""]
    lines += ["## THE CHILDREN'S PARTNERSHIP BOARD", "",
              f"Partners plan and govern this work together through the Children's Partnership Board, which "
              f"reports to the {hwb}. Its members are:", ""]
    lines += members(a, "c", u)
    lines += ["", "The Board sets direction, joins up the work of partners and holds them to account for the "
              "outcomes in this plan.", "", "", ""]
    contact = a.by_role["hpeh"]
    lines += [f"For further information contact {mention(contact, rng)}:", contact.email, "",
              "The full action plan is published at", f"www.{a.name.lower()}.gov.example/cypp", "", "", "",
              f"**{a.name.upper()}", "CHILDREN'S", "PARTNERSHIP**", ""]
    return "\n".join(lines)


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _roman(n: int) -> str:
    return ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")[n - 1]


def _cypp_priorities(plan: Plan, rng: random.Random, n_outcomes: int) -> list[str]:
    """Three shapes: the demo's 'Priority N – Title – description' lines with 'We will' bullets,
    the same with a 'We will:' lead-in, and seed 002's numbered '3.1 Title' sections with a
    'When we will do this' list; then, sometimes, seed 000's 'the Partnership will:' list."""
    a = plan.authority
    shape = rng.randrange(3)
    lines: list[str] = []
    if shape < 2:
        lines += ["## PRIORITIES FOR ACTION", ""]
        for i, t in enumerate(plan.themes, 1):
            lines += [f"Priority {i} – {t.title} – {t.description}.", ""]
            if shape == 1:
                lines += ["To deliver this priority we will:", ""]
                lines += [f"- {x} {due(rng, plan.y1, plan.y2)}"
                          for x in action_text(t, rng, "Children's Partnership Board")]
            else:
                lines += [f"- We will {x} {due(rng, plan.y1, plan.y2)}"
                          for x in action_text(t, rng, "Children's Partnership Board")]
            lines.append("")
    else:
        s = n_outcomes + 1
        lines += [f"## {s}. Our priorities for action", "",
                  "Each priority below says why it matters, what we will do and when we will do it.", ""]
        for i, t in enumerate(plan.themes, 1):
            lines += [f"### {s}.{i} {t.title}", "", "#### Why this matters", "",
                      f"{t.headline}: we want to {t.description}. Partners agreed that {t.topic} needs a "
                      f"joined-up response across {a.name}.", "", "## When we will do this", "", "We will:",
                      ""]
            lines += [f"- {x} {due(rng, plan.y1, plan.y2)}"
                      for x in action_text(t, rng, "Children's Partnership Board")]
            lines.append("")
    if rng.random() < 0.6:
        lines += ["## TRANSFORMATIONAL CHANGE", "",
                  "Over the next 12 months, in support of all priorities, the Children's "
                  "Partnership Board will:",
                  ""]
        for x in rng.sample(GENERIC_ACTIONS[:3], 2):
            lines.append("- " + _cap(x.format(title="Early Help", topic="early help", n=100, board="")))
        lines += [f"- Publish an annual report on the plan {due(rng, plan.y1, plan.y2)}", ""]
    return lines


def write_hwb(plan: Plan, rng: random.Random) -> str:
    a = plan.authority
    u = plan.unit
    hwb = a.boards["hwb"]
    leader, place_dir = a.by_role["leader"], a.by_role["place"]
    month = MONTHS[rng.randrange(12)]
    lines = ["", "", f"# {plan.title}", "",
             f"## {HWB_NAMES[rng.randrange(len(HWB_NAMES))].format(a=plan.place)}", "",
             f"Published by the {hwb}, {month} {plan.y1}", "", "### Introduction from the Chair", "",
             f"Where you are born in {a.name} still shapes how long you can expect to live in good health. "
             f"This strategy is about closing that gap. It sets {NUMBER_WORDS[len(plan.themes)]} "
             "priorities that the members "
             f"of the Health and Wellbeing Board will pursue together for the next five years, and the "
             f"measures we will use to judge ourselves.", "",
             f"The strategy draws on the {a.name} Joint Strategic Needs Assessment {plan.y1 - 1} and on the "
             f"conversations we held with residents during the 'Your Health, Your Say' engagement. It sits "
             f"alongside the {a.name} Plan {plan.y1}-{plan.y1 + 6} and the "
             f"{a.orgs['icb'].removeprefix('NHS ')} "
             f"Strategy.", "",
             mention(leader, rng),
             f"{leader.post_at(u)}, {a.council}, and Chair of the {hwb}", "",
             mention(place_dir, rng),
             f"{place_dir.post_at(u)}, {place_dir.org}, and Vice-Chair", "", "### Our priorities", ""]
    for i, t in enumerate(plan.themes, 1):
        lines += [f"{i}. {t.headline}", "", _cap(t.description) + ". " +
                  rng.choice(("We will start with the neighbourhoods where the need is greatest.",
                              "Every partner on the Board has a part to play.",
                              "Progress will be reported to the Board twice a year.")), ""]
    lines += ["### How we will measure progress", "",
              "The Board will review the indicators below every six months. Where the Office for Health "
              "Improvement and Disparities publishes a figure, we use it; local figures are marked.", ""]
    with_lead = rng.random() < 0.5
    head = ["Indicator", "Period", "Current value", "Target", "Priority"] + (["Lead officer"] if with_lead
                                                                             else [])
    rows = [head]
    used: set[str] = set()
    for i, t in enumerate(plan.themes, 1):
        ids = [x for x in THEME_INDICATORS[t.title] if x not in used]
        best, rest = ids[:3], ids[3:]
        rng.shuffle(rest)
        for ind_id in (best + rest)[: rng.randint(2, 3)]:
            used.add(ind_id)
            ind = INDICATOR[ind_id]
            row = [ind.wordings[rng.randrange(len(ind.wordings))], period(rng, plan.y1), value(ind, rng),
                   target(ind, rng, plan.y2), str(i)]
            if with_lead:
                _, ops, _ = theme_leads(a, t)
                row.append(mention(ops[0], rng))
            rows.append(row)
    lines += _html_table(rows) if rng.random() < 0.5 else _md_table(rows)
    lines += ["", "Local measures agreed by the Board are listed in the annual delivery plan.", "",
              "### Governance", "",
              f"The {hwb} is accountable to the Full Council of {a.council} for the delivery of this "
              f"strategy, and its minutes are reported to the Council's Health Scrutiny Committee. The Board "
              f"meets four times a year in public.", ""]
    said = ["The Children's Partnership Board reports to the Health and Wellbeing Board on the "
            "children's priorities."]
    for g in a.groups:
        r = rng.random()
        if r < 0.3:
            said.append(f"The {g} reports to the Health and Wellbeing Board.")
        elif r < 0.5:
            said.append(f"The {g} is a sub-group of the Children's Partnership Board.")
    said.append(f"The {a.boards['csp']}, which leads on drugs and alcohol, shares an annual report "
                "with the Board.")
    lines += [" ".join(said), "", "Each priority has a sponsor on the Board:", ""]
    sponsors = [p for p in board_people(a, "h") if p.honorific != "Councillor"]
    for i, _ in enumerate(plan.themes, 1):
        p = sponsors[(i + u) % len(sponsors)]
        lines.append(f"Priority {i}: {mention(p, rng)}, {p.post_at(u)}, {p.org}")
    lines += ["", "### Membership of the Health and Wellbeing Board", ""]
    lines += members(a, "h", u)
    dph = a.by_role["dph"]
    lines += ["", f"Strategy lead: {mention(dph, rng)}, {dph.post_at(u)}", dph.email,
              f"01632 960 {rng.randint(100, 999)}", ""]
    return "\n".join(lines)


def write_leads_csv(plan: Plan, rng: random.Random) -> str:
    a = plan.authority
    rows = [["Priority", "Strategic lead", "Operational lead", "Lead officer email", "Strategic group",
             "Organisation"]]
    for t in plan.themes:
        strategic, ops, group = theme_leads(a, t)
        s = " & ".join(mention(p, rng) for p in strategic) if strategic else "?"
        o = " & ".join(mention(p, rng) for p in ops)
        rows.append([t.title, s, o, ops[0].email, group, ops[0].org])
    if rng.random() < 0.5:
        rows.append(["", "", "", "", "", ""])
    ppo = a.by_role["ppo"]
    rows.append(["Workforce Development", mention(a.by_role["hpeh"], rng), mention(ppo, rng), ppo.email,
                 "Children's Partnership Board", a.council])
    return "\r\n".join(",".join(_csv_cell(c) for c in r) for r in rows) + "\r\n"


def write_report(plan: Plan, rng: random.Random) -> str:
    a = plan.authority
    u = plan.unit
    dcs, hpeh, ppo = a.by_role["dcs"], a.by_role["hpeh"], a.by_role["ppo"]
    year = plan.y1 + 1
    date = day(rng, year)
    n = len(plan.themes)
    words = NUMBER_WORDS[n]
    lines = ["", "", "", f"Meeting\t{a.boards['cpb'].upper()}\t\t",
             f"Date\t{date}\tagenda item number\t{rng.randint(3, 9)}", "",
             f"REPORT OF THE {dcs.post_at(u).upper()} AND THE {hpeh.post_at(u).upper()}", "",
             f"## **{plan.title}: lead arrangements and first-year review**", "",
             "### **Purpose of report**", "",
             f"1. This report asks the Board to confirm who leads each priority of the {plan.title} (CYPP) "
             "and sets out how the review of the plan's first year will be carried out.", "",
             "### **Information and advice**", "", "#### **Background**", "",
             f"2. The Board published the CYPP in {MONTHS[rng.randrange(12)]} {plan.y1}. It replaced the "
             f"{a.cypp_noun} {plan.y1 - 3}-{plan.y1} and is built around {NUMBER_WORDS[len(plan.outcomes)]} "
             f"strategic outcomes and {words} priorities for action.", "", f"3. The {words} priorities are:"]
    lines += [f"  - {t.title}" for t in plan.themes]
    gaps = [t.title for t in plan.themes if not theme_leads(a, t)[0]]
    lines += ["", "4. When the plan was agreed, the Board asked for every priority to have a named strategic "
              "lead, a strategic group that owns the work and an operational lead who keeps the action plan "
              "up to date. Appendix 1 shows the current position." +
              (f" Nobody has yet been nominated to lead {' or '.join(gaps)}." if gaps else ""), "",
              "#### **Progress in the first six months**", "",
              f"5. Most actions due by {MONTHS[rng.randrange(12)]} {year} are on track. Two have slipped "
              f"because of recruitment delays and are now expected {due(rng, year, year + 1)}.", "",
              "#### **First-year review**", "",
              f"6. The operational leads will report on each priority using a common template by "
              f"{day(rng, year + 1)}. The Strategy and Partnerships Team will draw these reports together "
              f"for the Board, and a summary will then go to the {a.boards['hwb']}.", "",
              "## **RECOMMENDATIONS**", "", "It is recommended that:", "",
              "- (1) The Board confirms the strategic and operational leads set out in Appendix 1;"]
    k = 2
    for g in gaps:
        lines.append(f"- ({k}) The Board nominates a strategic lead for the {g} priority "
                     f"{due(rng, year, year + 1)};")
        k += 1
    lines += [f"- ({k}) The Board agrees that the first-year review of the CYPP is reported to its next "
              f"meeting and then to the {a.boards['hwb']}.", "",
              f"{mention(dcs, rng, False).upper()}  ", dcs.post_at(u), "",
              f"{mention(hpeh, rng, False).upper()}  ", hpeh.post_at(u), "",
              f"Children's Services, {a.council}", "", "Contact Officer(s)", "",
              mention(hpeh, rng), hpeh.post_at(u), "Strategy and Partnerships Team, Children's Services",
              hpeh.email, f"01632 960 {rng.randint(100, 999)}", "",
              mention(ppo, rng), ppo.post_at(u), "Strategy and Partnerships Team, Children's Services",
              ppo.email,
              f"01632 960 {rng.randint(100, 999)}", "", "## APPENDIX 1: priority leads", "",
              f"### CYPP {plan.y1}-{plan.y2} priorities and leads", ""]
    rows = [["PRIORITY", "STRATEGIC LEAD", "STRATEGIC GROUP", "OPERATIONAL LEAD", "SUPPORT"],
            ["", "Accountable for the priority; signs off its action plan.",
             "Owns the priority and oversees the actions in the CYPP.",
             "Keeps the action plan up to date and reports progress.",
             "First point of contact in the Strategy and Partnerships Team."]]
    for t in plan.themes:
        strategic, ops, group = theme_leads(a, t)
        joiner = " & " if rng.random() < 0.5 else " and "
        s = joiner.join(mention(p, rng) for p in strategic)
        o = joiner.join(mention(p, rng) for p in ops)
        g = group
        if g and rng.random() < 0.12:
            g += " & ?"
        support = mention(ppo if rng.random() < 0.6 else hpeh, rng)
        rows.append([t.title, s, g, o, support])
    lines += _html_table(rows, bold_first=True)
    if rng.random() < 0.5:
        lines += ["", "## APPENDIX 2: priorities and the Every Child Matters outcomes", ""]
        head = ("<b>How each CYPP priority helps children and young people to achieve the Every Child "
                "Matters outcomes</b>\t" + "\t".join(f"<b>{e}</b>" for e in ECM))
        lines.append(head)
        for t in plan.themes:
            marks = ["" for _ in ECM]
            marks[ECM_OF.get(t.domain, 0)] = "■"
            for j in range(len(ECM)):
                if rng.random() < 0.3:
                    marks[j] = "■"
            lines.append(t.title + "\t" + "\t".join(marks))
        lines += ["", "■ indicates that the priority makes a significant contribution to the outcome."]
    lines.append("")
    return "\n".join(lines)


def write_minutes(plan: Plan, prior: Plan, rng: random.Random) -> str:
    """Minutes of the Children's Partnership Board (or, every other time, the Health and Wellbeing
    Board) meeting in the strategy's first year; the action plan follows the authority's CYPP."""
    a = plan.authority
    u = plan.unit
    which = "c" if (u // 2) % 2 == 0 else "h"
    board = a.boards["cpb"] if which == "c" else a.boards["hwb"]
    short = board.removeprefix(a.name + " ")
    year = plan.y1 + 1
    m = rng.randint(4, 9)  # the meeting's month; the last and next meetings are a quarter away

    def on(month: int) -> str:
        return f"{rng.randint(1, 28)} {MONTHS[month - 1]} {year}"

    date = on(m)
    dso, ppo = a.by_role["dso"], a.by_role["ppo"]
    chair = a.by_role["ph_children"] if which == "c" else a.by_role["leader"]
    cast = board_people(a, which)
    owned = prior if which == "c" else plan  # the plan the board owns and its action plan follows
    lines = ["", "", a.council.upper(), short.upper(), "", "Agenda and minutes", "",
             f"Date: {rng.choice(('Monday', 'Tuesday', 'Wednesday', 'Thursday'))} {date}", "",
             f"Time: {rng.choice(('2.00pm', '4.00pm', '10.00am', '1.30pm'))}", "",
             f"Place: Committee Room {rng.randint(1, 4)}, {a.name} Civic Centre, Market Street", "",
             "Members of the Board are asked to attend to deal with the business below.", "",
             f"{a.by_role['dcs'].post_at(u)}, {mention(a.by_role['dcs'], rng)}", "",
             f"{dso.post_at(u)}: {mention(dso, rng)} Direct dial - 01632 960 {rng.randint(100, 999)}", "",
             "A G E N D A", "", "- 1 APOLOGIES FOR ABSENCE", "- 2 DECLARATIONS OF INTERESTS",
             "- 3 MINUTES Attached", f"Last meeting held on {on(m - 3)} (for confirmation)"]
    items = rng.sample(owned.themes, min(len(owned.themes), rng.randint(2, 3)))
    agenda = [f"PRIORITY UPDATE: {t.title.upper()}" for t in items]
    agenda.append("ACTION PLAN " + f"{year}-{(year + 1) % 100:02d}")
    agenda.append("CONSTITUTION AND GOVERNANCE ARRANGEMENTS")
    agenda.append("NEXT MEETING")
    for k, item in enumerate(agenda, 4):
        lines.append(f"- {k} {item}" + (" Attached" if "NEXT" not in item else ""))
    lines += ["", a.council.upper(), "", short.upper(), "",
              f"MINUTES of the meeting held at {a.name} Civic Centre on **{date.upper()}** from "
              "2.02pm to 4.15pm.",
              "", "✓ Indicates present at meeting; A indicates apologies received", ""]
    rows = [["Name", "Title / organisation", "Present"]]
    absent = set(rng.sample(range(len(cast)), min(len(cast) - 2, rng.randint(2, 4))))
    apologies: list[str] = []
    substitute = None
    pool = [p for p in a.people if ROLE_INDEX[p.role][4] == "" and ROLE_INDEX[p.role][5] == "o"]
    for k, p in enumerate(cast):
        title = f"{p.post_at(u)}, {p.org}"
        if p is chair:
            title += " (Chair, in the Chair)"
        if k in absent and p is not chair:
            mark = "A" if rng.random() < 0.75 else ""
            name = mention(p, rng)
            rows.append([name, title, mark])
            if mark:
                apologies.append(name)
            if substitute is None and mark and pool:
                same_org = [q for q in pool if q.org == p.org]
                substitute = (rng.choice(same_org or pool), name)
                sub = substitute[0]
                rows.append([f"{mention(sub, rng)} (substituting for {name})", f"{sub.post_at(u)}, {sub.org}",
                             "✓"])
        else:
            rows.append([mention(p, rng), title, "✓"])
    lines += _md_table(rows)
    lines += ["", "Also in attendance", ""]
    guests = [*rng.sample(pool, min(len(pool), rng.randint(2, 4))), ppo, dso]
    rows = [["Name", "Title", "Organisation"]]
    seen: set[str] = set()
    for g in guests:
        if g.role not in seen and (substitute is None or g is not substitute[0]):
            seen.add(g.role)
            rows.append([mention(g, rng), g.post_at(u), g.org])
    lines += _md_table(rows)
    lines += ["", "1 APOLOGIES FOR ABSENCE", ""]
    for name in apologies:
        if substitute and name == substitute[1]:
            lines.append(f"{name} ({mention(substitute[0], rng, False)} substituting)")
        else:
            lines.append(name + (" - on leave" if rng.random() < 0.2 else ""))
    if not apologies:
        lines.append("None.")
    vcs = a.by_role["vcs"]
    lines += ["", "2 DECLARATIONS OF INTERESTS", "",
              (f"{mention(vcs, rng)} declared an interest in item 4, as {vcs.org} hosts a service "
               "named in the report.") if rng.random() < 0.5 else "None.", "", "3 MINUTES", "",
              "The Board agreed that the minutes of the last meeting were a correct record and the "
              "Chair signed them.", ""]
    k = 4
    for t in items:
        strategic, ops, group = theme_leads(a, t)
        presenter = strategic[0] if strategic else ops[0]
        lines += [f"{k} PRIORITY UPDATE: {t.title.upper()}", "",
                  f"{mention(presenter, rng)}, {presenter.post_at(u)}, presented the report"
                  + (f", supported by {mention(ops[0], rng)}, {ops[0].post_at(u)}." if ops[0] is not presenter
                     else "."), "", "The following points were made:", "",
                  f"- (a) Work to {t.description} is on track in most localities.",
                  f"- (b) {_cap(t.topic)} remains a concern in the most deprived neighbourhoods.", "",
                  "RESOLVED", "", "- (1) to note the report;"]
        if group:
            lines.append(f"- (2) to ask the {group} to report progress {due(rng, year, year + 1)};")
        lines.append(f"- ({3 if group else 2}) to receive a further update at a future meeting.")
        lines.append("")
        k += 1
    label = "CYPP priority" if which == "c" else "Strategy priority"
    lines += [f"{k} ACTION PLAN {year}-{(year + 1) % 100:02d}", "",
              f"{mention(a.by_role['hpeh'], rng)}, {a.by_role['hpeh'].post_at(u)}, presented the "
              "refreshed action plan and asked partners to confirm the responsibility leads shown "
              "below.", ""]
    rows = [[label, "Action", "Timescale", "Responsibility lead"]]
    contacts: dict[str, Person] = {}
    for t in owned.themes:
        _, ops, _ = theme_leads(a, t)
        lead = ops[0]
        contacts[lead.role] = lead
        act = _cap(action_text(t, rng, "Board")[0])
        when = (f"{MONTHS[rng.randrange(12)]} {year + rng.randint(0, 1)}" if rng.random() < 0.8 else
                f"{_cap(SEASONS[rng.randrange(3)])} {year + 1}")
        rows.append([t.title, act, when, mention(lead, rng)])
    lines += _md_table(rows)
    lines += ["", "RESOLVED", "", f"- (1) to approve the action plan for {year}-{(year + 1) % 100:02d};",
              f"- (2) to ask partners to send any changes to responsibility leads to {mention(ppo, rng)} "
              f"by {on(m + 1)}.", "",
              "For more information please contact the responsibility lead for each action:", "",
              "Name\tJob title\tEmail"]
    for p in contacts.values():
        lines.append(f"{mention(p, rng)}\t{p.post_at(u)}\t{p.email}")
    k += 1
    lines += ["", f"{k} CONSTITUTION AND GOVERNANCE ARRANGEMENTS", "",
              "RESOLVED to adopt the revised constitution set out below, with effect from "
              f"1 {MONTHS[m]} {year}.", ""]
    k += 1
    lines += [f"{k} NEXT MEETING", "",
              f"RESOLVED to note that the next meeting will be held on {on(m + 3)}.", "", "", "",
              board.upper(), "", "CONSTITUTION AND GOVERNANCE ARRANGEMENTS", "",
              f"{MONTHS[m]} {year}", "", "Purpose", "",
              f"The {board} brings together the statutory and voluntary organisations serving "
              f"{a.name}. It owns the {owned.title} and holds partners to account for delivering it.", "",
              "Reporting arrangements", ""]
    if which == "c":
        lines += ["The Board reports to the Health and Wellbeing Board, and provides a progress "
                  "report twice a year.", "",
                  f"The {a.boards['scp']} is accountable to the three statutory safeguarding partners: "
                  f"{a.council}, {a.orgs['icb']} and {a.orgs['police']}. It presents its annual "
                  "report to the Board but does not report to it.", ""]
    else:
        lines += [f"The Board is accountable to the Full Council of {a.council}.", ""]
    subs = rng.sample(a.groups, min(3, len(a.groups)))
    lines += [f"The {subs[0]}, the {subs[1]} and the {subs[2]} report to the Board.", "",
              "Membership", ""]
    lines += members(a, which, u, sep=", ")
    lines += ["", f"Please contact {mention(dso, rng)} with suggestions for future agenda items",
              dso.email, ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


@dataclass
class CorpusStats:
    files: int = 0
    bytes: int = 0
    plans: int = 0
    authorities: int = 0
    people: int = 0
    boards: int = 0


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def documents(world: World, a: Authority, unit: int, width: int) -> list[tuple[str, str]]:
    """(file name, text) of one plan unit: the plan and the papers that come with it."""
    plan = plan_spec(world, a, unit)
    base = f"{a.slug}-{unit:0{width}d}"
    rng = random.Random(f"plangraph-corpus:{a.seed}:{a.index}:docs:{unit}")
    period = f"{plan.y1}-{plan.y2}"
    loc = "" if plan.place == a.name else f"-{_slug(plan.place)}"
    if plan.kind == "cypp":
        return [(f"{base}a-cypp{loc}-{period}.md", write_cypp(plan, rng)),
                (f"{base}b-cypp{loc}-leads.csv", write_leads_csv(plan, rng)),
                (f"{base}c-board-report-{plan.y1 + 1}.md", write_report(plan, rng))]
    prior = plan_spec(world, a, unit - 1)
    return [(f"{base}a-hwb-strategy{loc}-{period}.md", write_hwb(plan, rng)),
            (f"{base}b-minutes-{plan.y1 + 1}.md", write_minutes(plan, prior, rng))]


def truth(world: World, plans: int) -> dict:
    """The ground truth: who each person is and how documents wrote them, the boards of each
    authority, and every wording of every indicator (for scoring identity and alignment)."""
    return {
        "seed": world.seed, "plans": plans,
        "authorities": [{
            "name": a.name, "area": a.area, "council": a.council, "neighbour": a.neighbour,
            "localities": a.localities, "boards": list(a.boards.values()),
            "people": [{"name": p.name, "honorific": p.honorific, "post": p.post,
                        "changed_post": p.alt_post if p.change_at < NEVER else None,
                        "organisation": p.org, "email": p.email, "written_as": list(p.variants)}
                       for p in a.people]} for a in world.authorities],
        "indicators": {i.id: list(i.wordings) for i in INDICATOR.values()},
        "themes": [{"title": t.title, "headline": t.headline, "domain": t.domain} for t in THEMES],
    }


def generate(out_dir: Path, plans: int, authorities: int, seed: int = 0) -> CorpusStats:
    """Write `plans` plans (with their papers) for `authorities` authorities under `out_dir`.

    Files go to `out_dir/<authority>/`, named so that a sorted walk ingests each plan before its
    lead table, report or minutes. File names are unique across the corpus (the store keys
    documents by file name). Returns what was written.
    """
    if plans < 0 or authorities < 1:
        raise ValueError("plans must be >= 0 and authorities >= 1")
    out_dir = Path(out_dir)
    world = build_world(authorities, seed)
    stats = CorpusStats(plans=plans, authorities=authorities)
    units = [plans // authorities + (1 if i < plans % authorities else 0) for i in range(authorities)]
    width = max(4, len(str(max(units) - 1))) if plans else 4
    out_dir.mkdir(parents=True, exist_ok=True)
    for a, n in zip(world.authorities, units, strict=True):
        folder = out_dir / a.slug
        folder.mkdir(exist_ok=True)
        for unit in range(n):
            for name, text in documents(world, a, unit, width):
                data = text.encode("utf-8")
                with open(folder / name, "wb") as fh:
                    fh.write(data)
                stats.files += 1
                stats.bytes += len(data)
    stats.people = sum(len(a.people) for a in world.authorities)
    stats.boards = sum(len(a.boards) for a in world.authorities)
    (out_dir / ".corpus.json").write_text(json.dumps(truth(world, plans), indent=1) + "\n",
                                          encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--plans", type=int, default=100)
    ap.add_argument("--authorities", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    stats = generate(args.out_dir, args.plans, args.authorities, args.seed)
    took = time.perf_counter() - t0
    print(f"{stats.files:,} files, {stats.bytes / 1e6:.1f} MB, {stats.plans:,} plans, "
          f"{stats.authorities:,} authorities, {stats.people:,} people, {stats.boards:,} boards "
          f"in {took:.2f} s -> {args.out_dir}")


if __name__ == "__main__":
    main()
