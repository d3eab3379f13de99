"""Module 1 teaching content: Addiction and Recovery Fundamentals.

All people named in case scenarios are fictional.
"""

MODULE = {
    "slug": "addiction-and-recovery-fundamentals",
    "title": "Addiction and Recovery Fundamentals",
    "intro": (
        "<p>Peer recovery specialists do not diagnose or treat, but they do need an accurate, "
        "up-to-date understanding of what substance use disorders are, how recovery happens, and "
        "the many routes people take to get there. This module gives you that foundation: the "
        "DSM-5 picture of substance use disorder as a <b>chronic, treatable health condition</b>, "
        "SAMHSA's working definition of recovery with its four dimensions and ten guiding "
        "principles, medications and harm reduction as legitimate pathways, recovery capital, the "
        "stages of change, and co-occurring mental health conditions.</p>"
        "<p>Throughout the module you will see what each idea looks like in day-to-day peer work: "
        "the words you might use, the questions you might ask, and the lines you should not "
        "cross. The goal is simple: to help you offer hope that is grounded in facts and to "
        "respect every person's right to choose their own path.</p>"
    ),
    "contact_hours": "8.0",
    "domain_hours": {
        "Recovery/Wellness Support": "6.0",
        "Mentoring/Education": "2.0",
    },
    "competencies": [2, 4, 5, 7, 8],
    "objectives": [
        "Describe substance use disorder as a chronic, treatable health condition using the DSM-5 criteria groupings, while staying within the non-diagnostic scope of peer practice.",
        "State SAMHSA's working definition of recovery and explain its four dimensions and ten guiding principles with an example of each in peer work.",
        "Explain how methadone, buprenorphine, naltrexone and harm reduction services function as recovery pathways, and identify pressuring a peer off prescribed medication as an ethics violation.",
        "Identify personal, family/social, community and cultural recovery capital and use them to support a peer's self-directed recovery plan.",
        "Match supportive peer strategies to each stage of change, treating a return to use as information rather than failure.",
        "Recognise common co-occurring mental health conditions and explain why integrated care and warm connection to qualified professionals matter.",
    ],
    "lessons": [
        # ------------------------------------------------------------------
        # Lesson 1
        # ------------------------------------------------------------------
        {
            "slug": "what-is-a-substance-use-disorder",
            "title": "What Is a Substance Use Disorder?",
            "summary": "How the DSM-5 describes substance use disorder as a chronic, treatable condition, what changes in the brain, and how peers use this knowledge without diagnosing.",
            "estimated_minutes": 90,
            "body": [
                ("heading", "A health condition, not a character flaw"),
                (
                    "paragraph",
                    "<p>The <i>Diagnostic and Statistical Manual of Mental Disorders</i>, Fifth Edition "
                    "(DSM-5, 2013, with a text revision in 2022), describes a <b>substance use disorder "
                    "(SUD)</b> as a problematic pattern of using alcohol or another drug that leads to "
                    "clinically significant impairment or distress. A clinician looks for at least two "
                    "of eleven criteria occurring within a 12-month period. Severity is rated by how "
                    "many criteria are present: <b>mild</b> (2–3), <b>moderate</b> (4–5) or "
                    "<b>severe</b> (6 or more). The disorder is named for the substance, for example "
                    "alcohol use disorder, opioid use disorder, cannabis use disorder or stimulant use "
                    "disorder.</p>"
                    '<p>DSM-5 replaced the older split between "substance abuse" and "substance '
                    'dependence" with a single disorder on a spectrum. That change is one reason the '
                    'word "abuse" is now considered outdated and stigmatising.</p>',
                ),
                (
                    "paragraph",
                    "<p>The eleven criteria fall into four groups. You do not need to memorise them "
                    "word for word, but knowing the groups helps you understand what people describe "
                    "to you:</p>"
                    "<ul>"
                    "<li><b>Impaired control:</b> using more or for longer than intended; wanting to "
                    "cut down but not managing to; spending a great deal of time getting, using or "
                    "recovering from the substance; and craving.</li>"
                    "<li><b>Social impairment:</b> not keeping up with major responsibilities at work, "
                    "school or home; continuing to use despite relationship problems; giving up "
                    "important activities.</li>"
                    "<li><b>Risky use:</b> using repeatedly in physically hazardous situations; "
                    "continuing despite knowing it is causing or worsening a physical or psychological "
                    "problem.</li>"
                    "<li><b>Pharmacological criteria:</b> tolerance (needing more for the same effect) "
                    "and withdrawal.</li>"
                    "</ul>"
                    "<p>One detail matters a great deal for peers: tolerance and withdrawal do "
                    "<b>not</b> count toward a diagnosis when they result from a medication taken as "
                    "prescribed under medical supervision. A person taking buprenorphine or methadone "
                    "as prescribed is physically dependent on a medicine, in the same way someone may "
                    "be dependent on blood-pressure medication. That is not the same as addiction.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "caution",
                        "title": "Peers recognise and connect; they do not diagnose",
                        "body": "<p>Diagnosis is the job of licensed clinicians. Telling someone "
                        '"You have a severe alcohol use disorder" or "You\'re not really an '
                        'addict" is outside the peer scope of practice, even if you are '
                        "confident. Instead, reflect what you hear, share general information, "
                        "and offer to help the person connect with a qualified professional "
                        "for an assessment if they want one.</p>",
                    },
                ),
                ("heading", "What changes in the brain"),
                (
                    "paragraph",
                    "<p>The U.S. Surgeon General's 2016 report <i>Facing Addiction in America</i> "
                    "describes addiction as a repeating three-stage cycle, each linked to a brain "
                    "region:</p>"
                    "<ol>"
                    "<li><b>Binge/intoxication</b> (basal ganglia): the substance triggers a surge of "
                    "dopamine in the reward system. The brain learns to link the substance, and the "
                    "people, places and cues around it, with reward.</li>"
                    "<li><b>Withdrawal/negative affect</b> (extended amygdala): with repeated use, the "
                    "brain's stress systems become more active and everyday pleasures feel flatter. "
                    "People often keep using to escape feeling bad rather than to feel good.</li>"
                    "<li><b>Preoccupation/anticipation</b> (prefrontal cortex): the areas that support "
                    "planning, weighing consequences and controlling impulses work less effectively, "
                    "which makes craving harder to resist.</li>"
                    "</ol>"
                    "<p>These changes help explain why someone can sincerely want to stop and still "
                    "find it very hard to do so. They also carry hope: the brain can heal. Many of "
                    "these changes improve over months and years of sustained recovery, especially "
                    "when a person has support, stable housing and meaningful activity.</p>",
                ),
                (
                    "paragraph",
                    "<p>No single cause produces a substance use disorder. Risk builds from several "
                    "directions at once. Genetics play a real part; the National Institute on Drug "
                    "Abuse estimates that genes account for roughly 40–60 percent of a person's "
                    "vulnerability. Other risk factors include starting to use at a young age, trauma "
                    "and adverse childhood experiences, untreated mental health conditions, poverty, "
                    "discrimination and easy availability of substances. Protective factors such as "
                    "supportive relationships, connection to school or work, and community belonging "
                    "reduce risk. When you understand this mix, it becomes easier to meet people "
                    "without judgement. Nobody chooses a disorder.</p>",
                ),
                ("heading", "Chronic and treatable"),
                (
                    "paragraph",
                    "<p>Calling SUD <b>chronic</b> does not mean hopeless. It means the condition can "
                    "last a long time and may need ongoing attention, just as diabetes, asthma and "
                    "high blood pressure do. NIDA notes that rates of return to use for SUD (about 40–60 "
                    "percent) are similar to the rates at which symptoms come back for those other "
                    "chronic illnesses when people stop following their treatment plans. A return to "
                    "use signals that the plan may need adjusting, not that the person or treatment "
                    "has failed.</p>"
                    "<p>Calling SUD <b>treatable</b> is just as important. Recovery is the common "
                    "outcome, not the rare exception. A national survey published in 2017 estimated "
                    "that about 1 in 10 U.S. adults, more than 20 million people, had resolved a "
                    "significant alcohol or other drug problem. Many did so with treatment, many with "
                    "mutual-aid groups, and many through other routes. You and the people you serve "
                    "are part of a very large community.</p>",
                ),
                ("heading", "What this looks like in peer work"),
                (
                    "paragraph",
                    "<p>Peers use this knowledge to reduce shame, not to label. In practice, that "
                    "means:</p>"
                    "<ul>"
                    '<li><b>Normalising without minimising:</b> "A lot of people describe exactly '
                    "what you're describing: using more than they planned even when they really meant "
                    "not to. It's a common part of how this condition works.\"</li>"
                    "<li><b>Offering information, not verdicts:</b> sharing in plain language how "
                    "substances affect the brain, so the person can make sense of their own "
                    "experience.</li>"
                    "<li><b>Linking to assessment:</b> \"If you'd like a clearer picture, a counsellor "
                    "or doctor can do an assessment. I can help you set that up and come with you if "
                    'that would help."</li>'
                    "<li><b>Holding hope:</b> reminding people, often through your own story, that "
                    "recovery is real and common.</li>"
                    "</ul>",
                ),
                (
                    "case_scenario",
                    {
                        "title": '"Am I an alcoholic?"',
                        "scenario": "<p>Dana, a fictional 34-year-old warehouse supervisor, meets you "
                        "at a recovery community centre drop-in. She says she has been "
                        'drinking most nights to "shut her brain off" after work, '
                        "recently missed two shifts, and keeps promising herself she'll "
                        "only have two drinks but rarely does. Her sister calls her an "
                        'alcoholic. Dana looks at you and asks, "Be honest. Am I an '
                        "alcoholic? You'd know.\"</p>",
                        "discussion_questions": [
                            "Which criteria groups do Dana's experiences seem to touch on, and why is it still not your role to tell her whether she has a disorder?",
                            "Write out, word for word, how you might respond to her direct question in a way that is honest, warm and within scope.",
                            'What might the phrase "shut my brain off" tell you, and how could you explore it with her without acting as a therapist?',
                            "What options could you offer Dana for an assessment or for support, and how would you leave the choice with her?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": 'A peer you support takes buprenorphine exactly as prescribed and says a family member told him he is "still an addict" because he would go into withdrawal without it. Which statement is most accurate?',
                        "options": [
                            {
                                "text": "Physical dependence on a medication taken as prescribed is not, by itself, a substance use disorder under DSM-5.",
                                "correct": True,
                            },
                            {
                                "text": "Any withdrawal symptoms meet the DSM-5 criteria for an active substance use disorder.",
                                "correct": False,
                            },
                            {
                                "text": "The peer should count his own criteria and tell him whether his disorder is mild, moderate or severe.",
                                "correct": False,
                            },
                            {
                                "text": "He is only in recovery once he no longer needs any medication.",
                                "correct": False,
                            },
                        ],
                        "explanation": "DSM-5 does not count tolerance or withdrawal toward a diagnosis when they result from medication taken as prescribed under medical supervision. Peers do not rate severity or diagnose, and taking medication for opioid use disorder is a recognised recovery pathway.",
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 2
        # ------------------------------------------------------------------
        {
            "slug": "samhsa-definition-of-recovery",
            "title": "What Recovery Means: SAMHSA's Definition, Dimensions and Principles",
            "summary": "SAMHSA's working definition of recovery, its four dimensions of health, home, purpose and community, and the ten guiding principles that shape peer practice.",
            "estimated_minutes": 90,
            "body": [
                ("heading", "A shared definition"),
                (
                    "paragraph",
                    "<p>In 2012 the Substance Abuse and Mental Health Services Administration (SAMHSA) "
                    "published a working definition of recovery developed with people in recovery, "
                    'family members, providers and researchers. It defines recovery as <b>"a process '
                    "of change through which individuals improve their health and wellness, live a "
                    'self-directed life, and strive to reach their full potential."</b></p>'
                    "<p>Notice three things about this sentence. Recovery is a <i>process</i>, not a "
                    "single event or a finish line. It is <i>self-directed</i>: the person, not the "
                    "helper, sets the direction. And it reaches beyond substance use to <i>health, "
                    "wellness and full potential</i>. The definition applies to recovery from "
                    "substance use disorders and from mental health conditions alike.</p>",
                ),
                ("heading", "The four dimensions"),
                (
                    "paragraph",
                    "<p>SAMHSA identifies four major dimensions that support a life in recovery:</p>"
                    "<ul>"
                    "<li><b>Health:</b> overcoming or managing one's condition or symptoms and making "
                    "informed, healthy choices that support physical and emotional wellbeing. For "
                    "someone with an addiction, SAMHSA's example is not using alcohol, illicit drugs "
                    "or non-prescribed medications.</li>"
                    "<li><b>Home:</b> a stable and safe place to live.</li>"
                    "<li><b>Purpose:</b> meaningful daily activities such as a job, school, "
                    "volunteering, caring for family or creative work, and the independence, income "
                    "and resources to take part in society.</li>"
                    "<li><b>Community:</b> relationships and social networks that provide support, "
                    "friendship, love and hope.</li>"
                    "</ul>"
                    "<p>These dimensions give you a practical checklist for conversations. A peer "
                    "who has stopped drinking but is sleeping in a car, has no daily structure and has "
                    "lost touch with everyone who matters is carrying a heavy load on three of the "
                    "four dimensions. Your support can reach all of them.</p>",
                ),
                ("heading", "The ten guiding principles"),
                (
                    "paragraph",
                    "<p>SAMHSA also set out ten guiding principles. Each one points to something "
                    "concrete you do, or avoid doing, as a peer:</p>"
                    "<ol>"
                    "<li><b>Recovery emerges from hope.</b> The belief that recovery is real is the "
                    "starting point. Peers are living evidence of it.</li>"
                    "<li><b>Recovery is person-driven.</b> People set their own goals and choose their "
                    'own paths. You ask, "What do you want?" before you suggest anything.</li>'
                    "<li><b>Recovery occurs via many pathways.</b> Pathways include treatment, "
                    "medication, mutual aid, faith, culture, harm reduction and self-guided change. "
                    "Your path is one example, not the template.</li>"
                    "<li><b>Recovery is holistic.</b> It involves mind, body, spirit and community, "
                    "including housing, employment, education, health care and family.</li>"
                    "<li><b>Recovery is supported by peers and allies.</b> Mutual support, and the "
                    "experience of helping others, are powerful.</li>"
                    "<li><b>Recovery is supported through relationship and social networks.</b> People "
                    "who believe in someone's ability to recover make a difference.</li>"
                    "<li><b>Recovery is culturally based and influenced.</b> Values, traditions and "
                    "beliefs shape what recovery means and how it is pursued.</li>"
                    "<li><b>Recovery is supported by addressing trauma.</b> Services should be "
                    "trauma-informed, building safety, trust and choice.</li>"
                    "<li><b>Recovery involves individual, family and community strengths and "
                    "responsibility.</b> Individuals, families and communities all have strengths and "
                    "roles to play.</li>"
                    "<li><b>Recovery is based on respect.</b> Communities, systems and individuals "
                    "accept and appreciate people in recovery, including protecting their rights and "
                    "ending discrimination.</li>"
                    "</ol>",
                ),
                ("heading", "What this looks like in peer work"),
                (
                    "paragraph",
                    "<p>The principles become real in small moments. <b>Person-driven</b> looks like "
                    "letting someone's recovery plan say \"get my driver's licence back\" as goal "
                    "number one, even if you think a meeting schedule is more urgent. <b>Many "
                    "pathways</b> looks like helping someone find a SMART Recovery meeting, a "
                    "Wellbriety circle, a church-based group or a methadone clinic with the same "
                    "enthusiasm you would bring to the path that worked for you. <b>Addresses "
                    "trauma</b> looks like asking where someone would like to sit, explaining what "
                    "will happen in a meeting before it happens, and never pushing for details of "
                    "painful events.</p>"
                    "<p><b>Hope</b> may be the principle peers carry most directly. Hope is not "
                    "cheerleading or promising that everything will be fine. It is steady, "
                    "grounded confidence, often shown through your own life, that change is possible "
                    "for this person.</p>",
                ),
                (
                    "paragraph",
                    "<p>The principles also work as an ethical check. If you notice yourself "
                    'insisting, lecturing, comparing, or deciding what a peer "really needs", ask '
                    "which principle you are drifting away from. Usually the answer is "
                    "<i>person-driven</i>, <i>many pathways</i> or <i>respect</i>. Naming it helps you "
                    "correct course, and it is a useful topic for supervision.</p>",
                ),
                (
                    "case_scenario",
                    {
                        "title": "Whose recovery plan is it?",
                        "scenario": "<p>Marcus, a fictional 52-year-old who has been in recovery from "
                        "alcohol use disorder for three months, is working on a recovery "
                        "plan with a peer specialist named Jo. Jo found recovery through a "
                        "twelve-step fellowship and suggests Marcus commit to 90 meetings "
                        "in 90 days. Marcus says he would rather reconnect with his "
                        "church, get back to woodworking, and repair things with his "
                        'adult daughter. Jo writes "90 in 90" as the first goal anyway, '
                        'saying, "Trust me, it\'s what works."</p>',
                        "discussion_questions": [
                            "Which of the ten guiding principles are at risk in this interaction?",
                            "Map Marcus's own goals onto the four dimensions of health, home, purpose and community. What is already strong?",
                            "How could Jo share what helped her without making it the template for Marcus?",
                            "Rewrite the first three goals of the plan in Marcus's own words.",
                        ],
                    },
                ),
                (
                    "paragraph",
                    "<p>One final point: SAMHSA calls this a <i>working</i> definition, and many people "
                    "and communities describe recovery in their own terms. Some speak of sobriety, some "
                    "of wellness or healing, some of balance or wholeness. When a peer uses language "
                    "that differs from yours, get curious about what it means to them. That is the "
                    "definition in action: self-directed.</p>",
                ),
                (
                    "reflection",
                    {
                        "prompt": "Think about your own recovery or wellness journey, or that of someone close to you. Which of the ten guiding principles was most important at the beginning, and which one matters most now? Which principle do you think you will find hardest to practise with peers whose path is very different from yours, and why?",
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 3
        # ------------------------------------------------------------------
        {
            "slug": "many-pathways-medications-and-harm-reduction",
            "title": "Many Pathways: Medications for Opioid Use Disorder and Harm Reduction",
            "summary": "How methadone, buprenorphine and naltrexone work, why harm reduction is part of the recovery continuum, and why peers must never pressure someone off prescribed medication.",
            "estimated_minutes": 105,
            "body": [
                ("heading", "There is no single right way to recover"),
                (
                    "paragraph",
                    "<p>People recover through formal treatment, mutual-aid fellowships, faith "
                    "communities, cultural and Indigenous healing practices, online communities, "
                    "medications, and on their own without any formal help. Many combine several. "
                    'The principle that recovery "occurs via many pathways" is not a polite slogan; '
                    "it reflects the evidence. This lesson focuses on two pathways that peers are "
                    "sometimes taught, wrongly, to treat as second-class: <b>medications for opioid "
                    "use disorder (MOUD)</b> and <b>harm reduction</b>.</p>",
                ),
                ("heading", "The three FDA-approved medications for opioid use disorder"),
                (
                    "paragraph",
                    "<ul>"
                    "<li><b>Methadone</b> is a full opioid agonist. Taken daily, it prevents withdrawal "
                    "and reduces craving without producing a high in a person who is on a stable, "
                    "appropriate dose. For opioid use disorder it can only be dispensed through "
                    "certified Opioid Treatment Programs (OTPs). Federal rules updated in 2024 gave "
                    "programs more flexibility around take-home doses.</li>"
                    "<li><b>Buprenorphine</b> is a partial agonist. It relieves withdrawal and craving, "
                    'and its "ceiling effect" lowers the risk of dangerous respiratory depression. It '
                    "is often combined with naloxone in a film or tablet placed under the tongue, and "
                    "is also available as a monthly extended-release injection. Since 2023 the special "
                    'federal "X-waiver" is no longer required, so any clinician with a standard DEA '
                    "registration that covers Schedule III medications can prescribe it, including in "
                    "primary care and, within the rules, by telehealth.</li>"
                    "<li><b>Naltrexone</b> is an opioid antagonist: it blocks opioid effects. For opioid "
                    "use disorder it is given as a monthly extended-release injection. A person usually "
                    "needs to be free of opioids for about 7–10 days first to avoid sudden, severe "
                    "withdrawal. Naltrexone is also approved for alcohol use disorder, alongside "
                    "acamprosate and disulfiram.</li>"
                    "</ul>",
                ),
                (
                    "paragraph",
                    "<p>The evidence for MOUD is strong. The National Academies of Sciences, "
                    "Engineering, and Medicine titled its 2019 report <i>Medications for Opioid Use "
                    "Disorder Save Lives</i>. Methadone and buprenorphine are associated with large "
                    "reductions in overdose death and death from all causes. Many studies find the risk "
                    "of death roughly cut in half while people remain in treatment. They also reduce "
                    "illicit opioid use, HIV and hepatitis C transmission, and criminal legal "
                    "involvement. The period right after stopping medication carries a higher overdose "
                    "risk, because tolerance drops quickly.</p>"
                    "<p>A person taking MOUD as prescribed <b>is in recovery</b>. Calling it "
                    '"substituting one drug for another" is inaccurate. It confuses physical '
                    "dependence on a medicine with the compulsive, harmful use that defines "
                    "addiction.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "caution",
                        "title": "Ethics line: never pressure anyone off prescribed medication",
                        "body": "<p>Pressuring, shaming or encouraging a peer to stop or cut back a "
                        "prescribed medication, whether it is methadone, buprenorphine, "
                        "naltrexone, an antidepressant or anything else, is an <b>ethics "
                        "violation</b> for a peer specialist. It is outside your scope and can "
                        "put a life at risk. Decisions about starting, changing or stopping "
                        "medication belong to the person and their prescriber. Your role is to "
                        "support the person's informed choice, help them prepare questions for "
                        "their prescriber, and challenge stigma about medication wherever you "
                        "meet it, including in recovery spaces.</p>",
                    },
                ),
                ("heading", "Harm reduction"),
                (
                    "paragraph",
                    "<p>Harm reduction is a set of practical strategies and a philosophy of meeting "
                    "people where they are. SAMHSA's 2023 Harm Reduction Framework describes it as an "
                    "evidence-based approach that keeps people alive and engages them with dignity and "
                    "respect, whether or not they are ready to stop using. Common services "
                    "include:</p>"
                    "<ul>"
                    "<li><b>Naloxone</b>, which reverses opioid overdose. Naloxone nasal spray has been "
                    "approved for sale over the counter, without a prescription, since 2023.</li>"
                    "<li><b>Fentanyl and xylazine test strips</b>, which let people check a supply "
                    "before use.</li>"
                    "<li><b>Syringe services programs</b>, which reduce HIV and hepatitis C "
                    "transmission and often serve as doorways to testing, wound care, treatment and "
                    "housing help.</li>"
                    "<li><b>Safer-use education</b>, such as never using alone and starting with a "
                    "small amount.</li>"
                    "</ul>"
                    "<p>Harm reduction and recovery are not opposites. Many people's recovery begins "
                    "with a harm reduction worker who treated them as worth keeping alive. SAMHSA "
                    "describes recovery as a process, and any positive change, such as using less, "
                    "using more safely, or getting tested, can be part of it.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "crisis",
                        "title": "Responding to a suspected overdose",
                        "body": "<p>Signs include unresponsiveness, slow or stopped breathing, "
                        "gurgling or snoring sounds, and blue or grey lips or fingertips. "
                        "<b>Call 911</b> for any suspected overdose or immediate danger, give "
                        "naloxone, support breathing, and place the person in the recovery "
                        "position. Stay with them: naloxone can wear off before the opioids do. "
                        "Many states have Good Samaritan laws offering some legal protection to "
                        "people who call for help; know your state's law. If someone is in "
                        "emotional crisis or having thoughts of suicide, they can <b>call or "
                        "text 988</b> or chat online with the 988 Suicide &amp; Crisis "
                        "Lifeline. Veterans and service members can press 1 after dialling 988 "
                        "to reach the Veterans Crisis Line.</p>",
                    },
                ),
                ("heading", "What this looks like in peer work"),
                (
                    "paragraph",
                    "<p>In practice, a peer who honours many pathways carries naloxone and knows how "
                    "to teach others to use it. They know which local mutual-aid meetings welcome people "
                    "on medication. They help someone prepare for a prescriber appointment by writing "
                    'down questions about side effects or dose. When a peer says, "My sponsor says '
                    "I'm not really sober on Suboxone,\" they respond with facts and validation, and "
                    "help the person find support that respects their choice. When someone is still "
                    "using, they talk about safety without lectures, and they keep the door open.</p>",
                ),
                (
                    "case_scenario",
                    {
                        "title": '"When are you getting off that stuff?"',
                        "scenario": "<p>Keisha, a fictional 29-year-old, has been taking buprenorphine "
                        "for eight months. She is working again, has regained visitation "
                        "with her son, and attends a weekly recovery group. At a family "
                        'dinner her uncle asked when she would "get off that stuff and '
                        'get clean for real." She tells you she is thinking of stopping '
                        "her medication on her own next week so her family will be "
                        "proud of her.</p>",
                        "discussion_questions": [
                            "What are the safety risks if Keisha stops her medication abruptly without her prescriber's involvement?",
                            "How can you respect Keisha's right to choose while making sure her choice is informed?",
                            "What could you say to validate her wish for her family's approval without reinforcing stigma?",
                            "What resources might help her family understand MOUD?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": 'A peer specialist notices that a person she supports has been on methadone for two years and suggests he "start tapering so he can be fully in recovery." What is the best description of this?',
                        "options": [
                            {
                                "text": "Appropriate encouragement, because abstinence from all opioids is the goal of recovery.",
                                "correct": False,
                            },
                            {
                                "text": "An ethics violation, because decisions about prescribed medication belong to the person and their prescriber.",
                                "correct": True,
                            },
                            {
                                "text": "Acceptable, as long as the peer shares her own experience of coming off medication.",
                                "correct": False,
                            },
                            {
                                "text": "Fine if the peer documents the conversation in the chart.",
                                "correct": False,
                            },
                        ],
                        "explanation": "Pressuring someone off prescribed medication is outside peer scope and an ethics violation. A person on MOUD is in recovery, and stopping medication raises overdose risk. Peers support informed choice and help people talk with their prescriber.",
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 4
        # ------------------------------------------------------------------
        {
            "slug": "recovery-capital-and-stages-of-change",
            "title": "Recovery Capital and the Stages of Change",
            "summary": "Building on strengths with the four kinds of recovery capital, and matching peer support to where a person is in the stages of change.",
            "estimated_minutes": 90,
            "body": [
                ("heading", "Recovery capital: starting from strengths"),
                (
                    "paragraph",
                    "<p>Sociologists William Cloud and Robert Granfield introduced the term "
                    "<b>recovery capital</b> around 1999. It means the total internal and external "
                    "resources a person can draw on to start and sustain recovery. Later work by "
                    "William White and William Cloud grouped these resources into four kinds. The "
                    'idea shifts the question from "What is wrong with this person?" to "What does '
                    'this person have to build on, and what do they need?"</p>',
                ),
                (
                    "paragraph",
                    "<ul>"
                    "<li><b>Personal capital:</b> physical resources such as health, safe housing, "
                    "money, health insurance, clothing and transportation, plus human resources such "
                    "as values, knowledge, education, skills, problem-solving ability, self-awareness, "
                    "hope and a sense of meaning.</li>"
                    "<li><b>Family/social capital:</b> relationships with partners, family, friends "
                    "and co-workers who support recovery, and connections with other people in "
                    "recovery.</li>"
                    "<li><b>Community capital:</b> local attitudes, policies and resources, such as "
                    "accessible treatment, recovery community organisations, recovery housing, "
                    "visible recovery role models, and low stigma.</li>"
                    "<li><b>Cultural capital:</b> culturally grounded values, traditions and pathways "
                    "that resonate with the person, for example faith communities, Indigenous healing "
                    "practices, or recovery groups rooted in a shared language or identity.</li>"
                    "</ul>"
                    '<p>Some people also carry "negative" recovery capital, such as a criminal '
                    "record, debts, or a social circle built around use. These are barriers to name "
                    "and work on together, never reasons to give up on someone.</p>",
                ),
                (
                    "paragraph",
                    "<p><b>What this looks like in peer work:</b> early in the relationship you might "
                    'ask, "Who in your life is in your corner?" "What have you done before that '
                    'worked, even for a little while?" "What matters most to you right now?" Some '
                    "programmes use structured tools such as the Assessment of Recovery Capital (ARC) "
                    "or the Brief Assessment of Recovery Capital (BARC-10). Tools are helpful, but the "
                    "conversation matters more than the score. Recovery capital should also shape the "
                    "plan: a person with strong family support but no transport may need a bus pass "
                    "more than another meeting.</p>",
                ),
                ("heading", "The stages of change"),
                (
                    "paragraph",
                    "<p>James Prochaska and Carlo DiClemente developed the Transtheoretical Model, "
                    "better known as the <b>stages of change</b>. It describes how people move toward a "
                    "change in behaviour. It is not a ladder that everyone climbs in order. People "
                    "often move back and forth, and can be at different stages for different "
                    "substances or goals.</p>"
                    "<ul>"
                    "<li><b>Precontemplation:</b> not considering change in the foreseeable future, "
                    "often because the person does not see a problem or feels discouraged. "
                    "<i>Peer approach:</i> build the relationship, offer safety information, and ask "
                    "permission before sharing concerns.</li>"
                    "<li><b>Contemplation:</b> aware of reasons to change and reasons not to, and "
                    "often stuck in ambivalence. <i>Peer approach:</i> explore both sides without "
                    "pushing, and listen for the person's own reasons for change.</li>"
                    "<li><b>Preparation:</b> intending to act soon and perhaps taking small steps. "
                    "<i>Peer approach:</i> help make a concrete plan, identify options and "
                    "anticipate obstacles.</li>"
                    "<li><b>Action:</b> actively changing behaviour. <i>Peer approach:</i> affirm "
                    "effort, help solve practical problems and connect to community supports.</li>"
                    "<li><b>Maintenance:</b> sustaining change over time, usually described as "
                    "beyond about six months, and building a life that supports it. <i>Peer "
                    "approach:</i> support purpose, relationships and wellness, and plan for "
                    "high-risk times.</li>"
                    "</ul>",
                ),
                (
                    "paragraph",
                    "<p><b>Recurrence</b> (returning to use) is part of many recovery journeys. The "
                    "model treats it as a return to an earlier stage, not a return to zero. People "
                    "usually bring what they learned with them. A peer's response in the hours and "
                    "days after a return to use can make the difference between shame-driven "
                    "disengagement and a quick reconnection with support. Useful questions include: "
                    '"What was going on before it happened?" "What do you want to do now?" "What '
                    'would help?" If the person uses opioids, check that they have naloxone, because '
                    "lower tolerance after a period without use raises overdose risk.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Stages are a listening tool, not a gate",
                        "body": "<p>Never use a person's stage to deny support (\"Come back when "
                        "you're ready\"). Someone in precontemplation still deserves "
                        "naloxone, housing help, and a peer who is glad to see them. The stages "
                        "help you match your approach to the person. They do not decide "
                        "whether the person deserves help.</p>",
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "Two weeks after a return to use",
                        "scenario": "<p>Luis, a fictional 41-year-old line cook, had four months "
                        "without methamphetamine use and had started preparing for a "
                        "culinary certificate. After a fight with his brother and a week "
                        "of double shifts, he used over a weekend and has not answered "
                        "your texts for two weeks. Today he walks into the recovery "
                        "centre, avoids eye contact and says, \"I blew it. I'm back to "
                        'square one."</p>',
                        "discussion_questions": [
                            "Which recovery capital does Luis still have, even after this return to use?",
                            "Which stage of change might he be in today, and how would that shape your first few sentences to him?",
                            'How might you respond to "back to square one" in a way that is honest and hope-oriented?',
                            "What would you want to understand about the lead-up to his use, and how could you ask without judgement?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "A peer says, \"I know drinking is hurting my health, but it's the only thing that helps me relax. Maybe I'll think about cutting down sometime.\" Which peer response best fits this stage of change?",
                        "options": [
                            {
                                "text": '"Let\'s set your quit date and sign you up for detox today."',
                                "correct": False,
                            },
                            {
                                "text": '"It sounds like part of you is worried about your health, and part of you really values having a way to unwind. Tell me more about both."',
                                "correct": True,
                            },
                            {
                                "text": "\"Come back when you're ready to stop, and we'll work together then.\"",
                                "correct": False,
                            },
                            {
                                "text": '"You\'re in denial. Drinking is clearly a problem for you."',
                                "correct": False,
                            },
                        ],
                        "explanation": "The peer is expressing ambivalence, which is typical of contemplation. Exploring both sides without pushing helps the person hear their own reasons for change. Jumping to action, withholding support or labelling the person tends to increase resistance.",
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 5
        # ------------------------------------------------------------------
        {
            "slug": "co-occurring-conditions-and-integrated-care",
            "title": "Co-Occurring Mental Health Conditions and Integrated Care",
            "summary": "Why substance use and mental health conditions so often occur together, what integrated care means, and how peers support people, including in a crisis, within scope.",
            "estimated_minutes": 105,
            "body": [
                ("heading", "Co-occurring conditions are the expectation, not the exception"),
                (
                    "paragraph",
                    "<p>A person has <b>co-occurring conditions</b> when they live with both a "
                    "substance use disorder and a mental health condition. According to the National "
                    "Institute on Drug Abuse, about half of people who experience a mental illness "
                    "will also experience a substance use disorder at some point in their lives, and "
                    "the reverse is also true. SAMHSA's national surveys estimate that millions of U.S. "
                    "adults live with both each year, and that many of them receive treatment for "
                    "only one condition, or for neither.</p>"
                    "<p>Conditions that often co-occur with SUD include depression, anxiety disorders, "
                    "post-traumatic stress disorder (PTSD), bipolar disorder, attention-deficit/"
                    "hyperactivity disorder (ADHD), personality disorders and schizophrenia. Trauma "
                    "runs through many of these stories.</p>",
                ),
                ("heading", "Why they occur together"),
                (
                    "paragraph",
                    "<p>There are several overlapping explanations, and more than one may apply to "
                    "the same person:</p>"
                    "<ul>"
                    "<li><b>Shared risk factors:</b> genetics, trauma, chronic stress and early "
                    "adversity raise the risk of both kinds of condition.</li>"
                    "<li><b>Using to cope:</b> people may use alcohol or drugs to manage anxiety, "
                    "insomnia, painful memories or low mood. This is often called self-medication. "
                    "It can bring short-term relief and make symptoms worse over time.</li>"
                    "<li><b>Substance effects:</b> intoxication and withdrawal can cause or mimic "
                    "psychiatric symptoms. Stimulants can trigger paranoia, and alcohol withdrawal can "
                    "bring intense anxiety. Sorting out which symptoms are which is clinical work that "
                    "may take weeks of observation.</li>"
                    "</ul>"
                    '<p>For peers, the key message is that neither condition is "the real problem" '
                    "to be fixed first. Both deserve attention, and progress in one often supports "
                    "progress in the other.</p>",
                ),
                ("heading", 'Integrated care and "no wrong door"'),
                (
                    "paragraph",
                    '<p>For many years people were bounced between systems: told to "get sober first" '
                    "before mental health care, or turned away from addiction treatment because of "
                    "psychiatric symptoms. Research showed that this <i>sequential</i> approach, and "
                    "<i>parallel</i> care by separate teams that do not talk to each other, left many "
                    "people without effective help. <b>Integrated care</b> means that both conditions "
                    "are addressed at the same time, in a coordinated way, ideally by one team or by "
                    "closely linked providers who share a single plan. Models such as Integrated Dual "
                    "Disorder Treatment put this into practice and include peer support as a core "
                    "element.</p>"
                    '<p>The related principle of <b>"no wrong door"</b> means that wherever a person '
                    "first asks for help, whether at a mental health clinic, addiction programme, "
                    "emergency department or recovery centre, they should be welcomed and connected "
                    "to what they need rather than sent away.</p>",
                ),
                ("heading", "What this looks like in peer work"),
                (
                    "paragraph",
                    "<p>Peers do not diagnose mental health conditions any more than substance use "
                    "disorders. But you are often the person who hears first that someone cannot "
                    "sleep, is hearing voices, or has not left the house in a week. In practice:</p>"
                    "<ul>"
                    "<li>Reflect what you notice without labelling it: \"You've mentioned feeling "
                    'really low most days for a while now."</li>'
                    "<li>Offer a warm connection to a clinician or psychiatric prescriber, and offer "
                    "to help with the first appointment.</li>"
                    "<li>Support psychiatric medication choices in the same way you support MOUD: "
                    "no pressure to stop, and help preparing questions for the prescriber.</li>"
                    "<li>Introduce wellness tools the person can own, such as the Wellness Recovery "
                    "Action Plan (WRAP), which helps people identify triggers, early warning signs and "
                    "what helps.</li>"
                    "<li>Point to mutual aid designed for co-occurring conditions, such as Dual "
                    "Recovery Anonymous or Double Trouble in Recovery, as well as mental health peer "
                    "support groups.</li>"
                    "</ul>",
                ),
                (
                    "paragraph",
                    "<p>People living with co-occurring conditions face higher risk of suicide, "
                    "particularly during periods of intoxication, withdrawal, early recovery and after "
                    "a return to use. Peers should know their agency's crisis protocol before they "
                    "need it. If someone shares thoughts of suicide, take it seriously and ask "
                    "directly; asking about suicide does not plant the idea. Stay with the person and "
                    "involve your supervisor and crisis resources. Many agencies train peers to help a "
                    "person complete or review a written safety plan that lists warning signs, coping "
                    "strategies, people to contact and ways to make the environment safer.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "crisis",
                        "title": "If someone is in crisis",
                        "body": "<p>If a person is thinking about suicide or is in emotional "
                        "distress, they, or you with them, can <b>call or text 988</b> or use "
                        "the online chat of the 988 Suicide &amp; Crisis Lifeline, available "
                        "24/7. Veterans, service members and their families can <b>press 1</b> "
                        "after dialling 988 to reach the Veterans Crisis Line. If there is "
                        "<b>immediate danger</b> to life, such as a suicide attempt in "
                        "progress, a weapon, or an overdose, <b>call 911</b>. Follow your "
                        "agency's crisis protocol and notify your supervisor as soon as it is "
                        "safe to do so.</p>",
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": '"The drinking is the only thing that lets me sleep"',
                        "scenario": "<p>Priya, a fictional 38-year-old veteran, has been meeting with "
                        "you for six weeks after completing an outpatient programme for "
                        "alcohol use disorder. She tells you she has been having "
                        "nightmares, avoids driving past her old base, and started "
                        'drinking again "just to get to sleep." When you ask how she is '
                        'feeling overall, she says quietly, "Some nights I wonder if '
                        'everyone would be better off without me."</p>',
                        "discussion_questions": [
                            "What is the first thing you need to do after Priya's last statement, and what exact words might you use?",
                            "Which crisis resources are especially relevant to Priya, and how would you offer them?",
                            "Once immediate safety is addressed, how could you support a warm connection to integrated care for both her trauma symptoms and her drinking?",
                            "What would you avoid saying or doing, and why?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which statement best describes integrated care for co-occurring conditions?",
                        "options": [
                            {
                                "text": "The person must complete substance use treatment before mental health treatment can begin.",
                                "correct": False,
                            },
                            {
                                "text": "Mental health and substance use conditions are addressed at the same time in a coordinated plan, ideally by one team or closely linked providers.",
                                "correct": True,
                            },
                            {
                                "text": "Two separate programmes each treat one condition without sharing information.",
                                "correct": False,
                            },
                            {
                                "text": "The peer specialist decides which condition is primary and should be treated first.",
                                "correct": False,
                            },
                        ],
                        "explanation": "Integrated care treats both conditions at the same time through coordinated services. Sequential and unconnected parallel approaches leave gaps, and determining which condition is primary is clinical work outside the peer role.",
                    },
                ),
            ],
        },
    ],
}
