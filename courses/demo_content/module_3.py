"""Module 3 teaching content: Advocacy and Cultural Competency.

All people named in case scenarios are fictional. Legal information in this module is
general education for peer workers, not legal advice.
"""

MODULE = {
    "slug": "advocacy-and-cultural-competency",
    "title": "Advocacy and Cultural Competency",
    "intro": (
        "<p>Recovery does not happen in a vacuum. People in or seeking recovery meet landlords, "
        "employers, courts, clinics and benefit offices, and not all of them treat people fairly. "
        "Peer specialists stand at that meeting point. Advocacy is one of the defining parts of "
        "the role: helping people know and use their rights, speak for themselves, and reach the "
        "resources they need, while working to change the systems that make recovery harder than "
        "it has to be.</p>"
        "<p>This module covers <b>self-advocacy and systems advocacy</b>, including plain-language "
        "basics of the Americans with Disabilities Act and related protections; the <b>National "
        "CLAS Standards</b> and language access; <b>cultural humility</b> and how it differs from "
        "cultural competence; and <b>linking to resources</b> through warm referrals. The legal "
        "information here is general education, not legal advice. Part of good advocacy is "
        "knowing when to connect someone with a lawyer or legal aid organisation.</p>"
    ),
    "contact_hours": "8.0",
    "domain_hours": {
        "Advocacy": "8.0",
    },
    "competencies": [4, 6, 10, 11, 12],
    "objectives": [
        "Distinguish self-advocacy from systems advocacy and describe at least three ways a peer can help someone speak for themselves.",
        "Summarise in plain language the main protections the ADA and Fair Housing Act offer people in recovery, including people taking medication for opioid use disorder, and name where complaints can be filed.",
        "Describe the purpose of the National CLAS Standards, state the Principal Standard, and explain why qualified interpreters, not family members or minors, should be used for language assistance.",
        "Contrast cultural humility with cultural competence and identify its three core elements: lifelong self-reflection, addressing power imbalances and institutional accountability.",
        "Demonstrate the steps of a warm referral to housing, employment, benefits, mutual-aid or recovery community resources, and explain why it is more effective than handing over a phone number.",
    ],
    "lessons": [
        # ------------------------------------------------------------------
        # Lesson 1
        # ------------------------------------------------------------------
        {
            "slug": "rights-self-advocacy-and-systems-advocacy",
            "title": "Rights, Self-Advocacy and Systems Advocacy",
            "summary": "Plain-language basics of anti-discrimination protections for people in recovery, how peers help people speak for themselves, and how peers take part in changing systems.",
            "estimated_minutes": 120,
            "body": [
                ("heading", "Two kinds of advocacy"),
                (
                    "paragraph",
                    "<p><b>Self-advocacy</b> means a person speaking and acting for themselves: asking "
                    "for what they need, challenging an unfair decision, making their own choices about "
                    "services. <b>Systems advocacy</b> means working to change policies, practices, "
                    "laws and attitudes so that many people are treated more fairly, not just one. "
                    "Peers do both. In one-to-one work, the priority is almost always to strengthen the "
                    "person's own voice rather than to speak over it. The disability rights movement's "
                    'phrase <i>"Nothing about us without us"</i> sums up the approach.</p>'
                    "<p>It can be tempting to step in and fix things: to call the landlord yourself, "
                    "argue with the caseworker, or write the letter. Sometimes the person asks you to, "
                    "and that is fine. But every time someone successfully advocates for themselves, "
                    "they build skills and confidence, which are part of their recovery capital, that "
                    "will serve them long after your work together ends.</p>",
                ),
                ("heading", "Key protections in plain terms"),
                (
                    "paragraph",
                    "<p>The <b>Americans with Disabilities Act (ADA)</b> of 1990, strengthened in 2008, "
                    "prohibits discrimination against qualified people with disabilities in "
                    "employment (employers with 15 or more employees), state and local government "
                    "services such as courts, jails and public programmes, and public accommodations "
                    "such as doctors' offices, treatment facilities and shops. A substance use disorder "
                    "can be a disability under the ADA. In plain terms:</p>"
                    "<ul>"
                    "<li>People in recovery who are <b>not currently using illegal drugs</b>, including "
                    "people in treatment or who have completed treatment, are generally protected.</li>"
                    "<li>People who are <b>currently using illegal drugs</b> are generally not "
                    "protected when an employer or provider acts because of that use. Employers may "
                    "test for illegal drugs.</li>"
                    "<li>Taking <b>medication for opioid use disorder as prescribed</b> is not illegal "
                    "drug use. Federal guidance from the Department of Justice (2022) and EEOC (2020) "
                    "says people in treatment with MOUD are generally protected. They cannot be "
                    "refused a job, services or housing simply because they take MOUD, unless an "
                    "individual assessment shows they cannot safely do the job or a specific federal "
                    "safety rule applies.</li>"
                    "<li>People with an <b>alcohol use disorder</b> can be protected, but employers "
                    "can still require everyone to meet the same standards of conduct and performance "
                    "and can prohibit alcohol at work.</li>"
                    "<li>Protected people can ask for <b>reasonable accommodations</b>, such as a "
                    "schedule change to attend treatment. Eligible workers may also have unpaid, "
                    "job-protected leave for treatment under the Family and Medical Leave Act.</li>"
                    "</ul>",
                ),
                (
                    "paragraph",
                    "<p>Other protections are also important. The <b>Fair Housing Act</b> bans housing "
                    "discrimination based on disability, which includes people in recovery from a "
                    "substance use disorder, but not people currently using illegal drugs. It also "
                    "limits discriminatory zoning against recovery residences. <b>Section 504 of the "
                    "Rehabilitation Act</b> applies similar rules to programmes that receive federal "
                    "funds. The <b>Mental Health Parity and Addiction Equity Act</b> requires most "
                    "health plans that cover mental health and substance use disorder care to do so on "
                    "terms no more restrictive than for medical and surgical care. The federal "
                    "confidentiality rule <b>42 CFR Part 2</b> gives extra protection to records from "
                    "many substance use disorder treatment programmes. State laws often add further "
                    "protections, and details change, so check current guidance.</p>"
                    "<p>Where to turn: employment complaints go to the <b>Equal Employment Opportunity "
                    "Commission (EEOC)</b> or a state fair employment agency. Housing complaints go to "
                    "the <b>Department of Housing and Urban Development (HUD)</b>. ADA complaints "
                    "about government services or public accommodations go to the <b>Department of "
                    "Justice</b>. Complaints about health care and federally funded programmes go to "
                    "the <b>HHS Office for Civil Rights</b>. Every state also has a federally mandated "
                    "<b>Protection and Advocacy</b> organisation for people with disabilities. Filing "
                    "deadlines apply, often 180 days for employment (300 days in many states) and one "
                    "year for housing, "
                    "so encourage people to act promptly.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "caution",
                        "title": "Inform, don't give legal advice",
                        "body": "<p>Peers share general information about rights and help people "
                        'reach legal help. They do not tell someone "You have a case" or '
                        "advise on legal strategy. Keep a current list of local legal aid "
                        "organisations, the state Protection and Advocacy agency, and "
                        "record-clearing clinics.</p>",
                    },
                ),
                ("heading", "Supporting self-advocacy: what it looks like"),
                (
                    "paragraph",
                    "<ul>"
                    '<li><b>Clarify the goal:</b> "What outcome do you want from this '
                    'conversation?"</li>'
                    "<li><b>Gather facts and documents:</b> dates, names, letters, pay stubs, "
                    "prescriptions. Encourage people to keep a simple written log.</li>"
                    "<li><b>Prepare and rehearse:</b> role-play the conversation and write down two or "
                    "three key points. Practise a calm opening such as, \"I'm requesting a reasonable "
                    'accommodation."</li>'
                    "<li><b>Put requests in writing</b> and keep copies.</li>"
                    "<li><b>Accompany if asked</b>, with the person leading. Agree beforehand what "
                    "your role will be: silent support, note-taker, or speaking only if invited.</li>"
                    "<li><b>Debrief:</b> what worked, what was learned, and what the next step "
                    "is.</li>"
                    "</ul>"
                    "<p>Respect the <b>dignity of risk</b>: people have the right to make choices you "
                    "would not make, including deciding not to pursue a complaint.</p>",
                ),
                ("heading", "Systems advocacy"),
                (
                    "paragraph",
                    "<p>When you see the same barrier again and again, such as a shelter that turns "
                    "away people on methadone, intake forms that only come in English, or a court that "
                    "requires people to stop taking MOUD, that is a signal for systems advocacy. Peers "
                    "contribute by documenting patterns (without identifying individuals), raising "
                    "issues through supervision and agency channels, serving on advisory boards, "
                    "joining coalitions led by recovery community organisations, taking part in "
                    "Recovery Month events each September, submitting public comments, and, with "
                    "consent and preparation, sharing recovery stories that put a human face on policy. "
                    "One important caution: federal grant funds generally cannot be used for "
                    "lobbying. Follow your employer's policy and, where needed, advocate as a private "
                    "citizen on your own time.</p>",
                ),
                (
                    "case_scenario",
                    {
                        "title": "The job offer that disappeared",
                        "scenario": "<p>André, a fictional 36-year-old, has been in treatment with "
                        "methadone for two years. He received a job offer as a stock "
                        "clerk at a large retailer, disclosed his prescription at the "
                        "pre-employment drug screen, and was told the next day that the "
                        'offer had been withdrawn because of "company policy on '
                        'narcotics." He is angry and embarrassed, and says, "Can you '
                        "just call them and tell them they can't do that?\"</p>",
                        "discussion_questions": [
                            "What general information about the ADA and MOUD might be useful for André to know?",
                            "How would you respond to his request that you call the employer? What are the options?",
                            "What steps could help André prepare to advocate for himself, and what referrals might he need?",
                            "If you learned that several peers had the same experience with local employers, what systems advocacy could follow?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Under the ADA, which person is generally NOT protected from an employer's decision based on their substance use?",
                        "options": [
                            {
                                "text": "A person who completed treatment for cocaine use disorder and no longer uses illegal drugs.",
                                "correct": False,
                            },
                            {
                                "text": "A person taking buprenorphine as prescribed for opioid use disorder.",
                                "correct": False,
                            },
                            {
                                "text": "A person currently using illegal drugs, when the employer acts on the basis of that use.",
                                "correct": True,
                            },
                            {
                                "text": "A person currently participating in a supervised treatment programme who is not using illegal drugs.",
                                "correct": False,
                            },
                        ],
                        "explanation": "The ADA excludes people currently engaging in the illegal use of drugs when an employer acts on that basis. People in recovery, people in treatment, and people taking MOUD as prescribed are generally protected.",
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 2
        # ------------------------------------------------------------------
        {
            "slug": "national-clas-standards-and-language-access",
            "title": "The National CLAS Standards and Language Access",
            "summary": "The 15 National Standards for Culturally and Linguistically Appropriate Services, the Principal Standard, and what good language access looks like in peer services.",
            "estimated_minutes": 120,
            "body": [
                ("heading", "What the CLAS Standards are"),
                (
                    "paragraph",
                    "<p>The <b>National Standards for Culturally and Linguistically Appropriate "
                    "Services in Health and Health Care</b>, known as the National CLAS Standards, are "
                    "published by the U.S. Department of Health and Human Services Office of Minority "
                    "Health. First issued in 2000 and enhanced in 2013, they provide a blueprint "
                    "for organisations to advance health equity, improve quality and help eliminate "
                    'health care disparities. The standards define "health" broadly, to include '
                    'behavioural health and wellbeing, and "culture" broadly, to include language, '
                    "race, ethnicity, religion, gender identity, sexual orientation, disability, age, "
                    "geography and more.</p>"
                    "<p>The 15 standards are not themselves a law. However, several of them, "
                    "especially on language assistance, reflect legal requirements that already "
                    "apply to organisations receiving federal funds under Title VI of the Civil Rights "
                    "Act and Section 1557 of the Affordable Care Act.</p>",
                ),
                ("heading", "The Principal Standard"),
                (
                    "paragraph",
                    "<p>Standard 1, the <b>Principal Standard</b>, frames all the others: "
                    '<b>"Provide effective, equitable, understandable, and respectful quality care and '
                    "services that are responsive to diverse cultural health beliefs and practices, "
                    'preferred languages, health literacy, and other communication needs."</b></p>'
                    "<p>For peers, the Principal Standard is a useful test for any interaction. "
                    "Was it <i>effective</i>? Was it <i>equitable</i>, or did this person get less "
                    "because of who they are? Was it <i>understandable</i> given their language and "
                    "health literacy? Was it <i>respectful</i> of their beliefs and practices?</p>",
                ),
                ("heading", "The three themes"),
                (
                    "paragraph",
                    "<p>The other 14 standards are grouped into three themes:</p>"
                    "<ul>"
                    "<li><b>Governance, Leadership, and Workforce (Standards 2–4):</b> leaders promote "
                    "CLAS and health equity through policy and resources; the organisation recruits "
                    "and supports a culturally and linguistically diverse governance, leadership and "
                    "workforce that reflects the community it serves; and staff receive ongoing "
                    "training. Peer specialists, who often share the culture and experience of the "
                    "people served, are part of how organisations meet Standard 3.</li>"
                    "<li><b>Communication and Language Assistance (Standards 5–8):</b> described in "
                    "detail below.</li>"
                    "<li><b>Engagement, Continuous Improvement, and Accountability (Standards "
                    "9–15):</b> setting CLAS goals and accountability; ongoing assessment of CLAS "
                    "activities; collecting accurate demographic data to monitor equity; assessing "
                    "community assets and needs; partnering with the community to design and evaluate "
                    "services; culturally and linguistically appropriate ways to resolve conflicts "
                    "and grievances; and reporting progress to the public.</li>"
                    "</ul>",
                ),
                ("heading", "Language access: Standards 5–8"),
                (
                    "paragraph",
                    "<p>The four communication and language assistance standards call on "
                    "organisations to:</p>"
                    "<ol>"
                    "<li>Offer language assistance to people who have limited English proficiency "
                    "and/or other communication needs, <b>at no cost to them</b>, so they can get "
                    "timely access to all services (Standard 5).</li>"
                    "<li>Tell all individuals that language assistance is available, clearly and in "
                    "their preferred language, both verbally and in writing (Standard 6).</li>"
                    "<li>Ensure the competence of people who provide language assistance, and "
                    "recognise that using <b>untrained individuals and/or minors as interpreters "
                    "should be avoided</b> (Standard 7).</li>"
                    "<li>Provide easy-to-understand print and multimedia materials and signage in the "
                    "languages commonly used in the service area (Standard 8).</li>"
                    "</ol>"
                    "<p>A <b>qualified interpreter</b> is proficient in both languages, interprets "
                    "accurately and impartially, knows the relevant terminology, and follows interpreter "
                    "ethics, including confidentiality. Being bilingual is not the same thing as being "
                    "a qualified interpreter. For people who are Deaf or hard of hearing, the ADA "
                    "requires effective communication, which often means a qualified sign language "
                    "interpreter, in person or by video.</p>",
                ),
                (
                    "paragraph",
                    "<p>Why not ask a family member, friend or child to interpret? Family members may "
                    "filter, soften or add to what is said. The person may not feel able to talk "
                    "honestly about substance use, trauma, violence or sexual health in front of "
                    "relatives, and family members may be part of the problem. Asking children to "
                    "interpret can place an adult-sized burden on them and reverse family roles. "
                    "Under the federal rule implementing Section 1557, covered health programmes "
                    "cannot require people to bring their own interpreter. They may rely on an "
                    "accompanying adult only in an emergency involving an imminent threat, or when the "
                    "person specifically asks for it, the adult agrees, and it is appropriate. They "
                    "may rely on a minor child only in an emergency involving an imminent threat when "
                    "no qualified interpreter is immediately available.</p>",
                ),
                ("heading", "What this looks like in peer work"),
                (
                    "paragraph",
                    "<ul>"
                    '<li>Ask early, without assuming: "What language do you prefer for conversations '
                    'like this?" and "Would you like an interpreter? It\'s free."</li>'
                    "<li>Know exactly how to book an in-person, phone or video interpreter at your "
                    "agency, and build the extra time into your plans.</li>"
                    "<li>Brief the interpreter beforehand about the purpose of the meeting. During the "
                    "conversation, speak directly to the person, not to the interpreter, in short "
                    "segments.</li>"
                    "<li>Even if you are bilingual, do not act as an interpreter for clinical or legal "
                    "conversations unless your agency has assessed and authorised you to do so.</li>"
                    "<li>Use plain language for everyone, and check understanding with "
                    '<b>teach-back</b>: "Just so I know I explained it clearly, can you tell me in '
                    'your own words what happens next?"</li>'
                    "<li>Notice gaps, such as forms or signs that exist only in English (CLAS Standard 8), "
                    "and raise them through your agency's channels. Bringing community feedback back "
                    "to the organisation supports Standard 13, community partnership.</li>"
                    "</ul>",
                ),
                (
                    "case_scenario",
                    {
                        "title": '"My son can translate"',
                        "scenario": "<p>Lien, a fictional 47-year-old woman whose preferred language is "
                        "Vietnamese, arrives at a recovery community centre with her "
                        "12-year-old son to ask about support after her husband's arrest "
                        "for drunk driving. She has been drinking more heavily herself "
                        "since then. The front-desk volunteer is about to start the "
                        'intake with her son interpreting, because "the phone '
                        'interpreter line takes forever." Lien nods politely.</p>',
                        "discussion_questions": [
                            "Which CLAS Standards apply to this situation?",
                            "What are the specific risks of using Lien's son as an interpreter for this conversation?",
                            "What would you do in the next five minutes?",
                            "What systems advocacy might prevent this situation from happening again at the centre?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "According to the National CLAS Standards, which approach to language assistance is most appropriate?",
                        "options": [
                            {
                                "text": "Ask the person to bring a bilingual family member to appointments.",
                                "correct": False,
                            },
                            {
                                "text": "Offer a qualified interpreter at no cost, and inform the person verbally and in writing, in their preferred language, that language assistance is available.",
                                "correct": True,
                            },
                            {
                                "text": "Use the person's teenage child to interpret because the child knows the family situation best.",
                                "correct": False,
                            },
                            {
                                "text": "Provide services in English and give the person a translated brochure.",
                                "correct": False,
                            },
                        ],
                        "explanation": "Standards 5 and 6 call for free language assistance and clear notice of its availability in the person's preferred language, both verbally and in writing. Standard 7 says untrained individuals and minors should not be used as interpreters. A translated brochure alone does not give the person access to the service itself.",
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 3
        # ------------------------------------------------------------------
        {
            "slug": "cultural-humility",
            "title": "Cultural Humility and Cultural Competence",
            "summary": "How cultural humility, with its lifelong self-reflection, attention to power and institutional accountability, builds on and differs from cultural competence.",
            "estimated_minutes": 120,
            "body": [
                ("heading", "Culture is bigger than we think"),
                (
                    "paragraph",
                    "<p>Culture includes the shared values, beliefs, languages, customs and ways of "
                    "making meaning that shape how people understand health, illness, help-seeking "
                    "and healing. Everyone has culture, including you. It is shaped by race and "
                    "ethnicity, language, nationality and immigration experience, religion and "
                    "spirituality, gender identity, sexual orientation, disability, age, social class, "
                    "rural or urban life, military service and justice involvement. Recovery itself "
                    "has cultures: the language and customs of twelve-step fellowships differ from those "
                    "of SMART Recovery, a harm reduction drop-in, or a Wellbriety circle.</p>"
                    "<p>People hold many identities at once. Legal scholar Kimberlé Crenshaw's term "
                    "<b>intersectionality</b> describes how these identities, such as being a Black "
                    "woman, a gay veteran or an older immigrant with a disability, combine to shape "
                    "experiences of privilege and discrimination in ways that cannot be understood by "
                    "looking at one identity alone.</p>",
                ),
                ("heading", "Cultural competence"),
                (
                    "paragraph",
                    "<p><b>Cultural competence</b> became widely used in behavioural health after "
                    "Terry Cross and colleagues' 1989 work <i>Towards a Culturally Competent System of "
                    "Care</i>. They described it as a set of congruent behaviours, attitudes and "
                    "policies that come together in a system, agency or among professionals and enable "
                    "effective work in cross-cultural situations. They also described a continuum "
                    "running from cultural destructiveness, through cultural blindness, to cultural "
                    "proficiency. Cultural competence rightly emphasises knowledge and skills: learning "
                    "about communities you serve, understanding historical context, and adapting "
                    "services.</p>"
                    "<p>The term has been criticised when it is used as if culture could be "
                    '"mastered" through a training or a checklist of facts about groups. That '
                    'approach can slide into stereotyping ("Latino families are always close") and '
                    "can suggest that, once trained, a worker is finished learning.</p>",
                ),
                ("heading", "Cultural humility"),
                (
                    "paragraph",
                    "<p>In 1998 physicians Melanie Tervalon and Jann Murray-García proposed "
                    "<b>cultural humility</b> as a training goal. Rather than a body of knowledge you "
                    "complete, it is an ongoing stance with three core elements:</p>"
                    "<ol>"
                    "<li><b>Lifelong commitment to self-reflection and self-critique:</b> continually "
                    "examining your own assumptions, biases and cultural lens, and recognising that the "
                    "person in front of you is the expert on their own life and culture.</li>"
                    "<li><b>Recognising and addressing power imbalances:</b> acknowledging the power "
                    "differences built into helping relationships and working to reduce them.</li>"
                    "<li><b>Institutional accountability:</b> developing mutually beneficial, "
                    "non-paternalistic partnerships with communities, and holding organisations, not "
                    "just individuals, responsible for equitable practice.</li>"
                    "</ol>"
                    "<p>Cultural competence and cultural humility work best together. Knowledge helps "
                    "you ask better questions. Humility keeps you from assuming you already know the "
                    "answers.</p>",
                ),
                ("heading", "Power in peer relationships"),
                (
                    "paragraph",
                    "<p>Peers sometimes assume that shared lived experience removes power imbalances. "
                    "It reduces them, but does not erase them. As a peer specialist you may control "
                    "access to resources, write notes that others read, report to a team that makes "
                    "decisions, and have more stability in your life than the person you are "
                    "supporting. You may also differ in race, gender, class or pathway. Systems add "
                    "further imbalances. Historical abuses, such as the U.S. Public Health Service "
                    "syphilis study at Tuskegee, forced removal of Native children to boarding schools, "
                    "and the unequal enforcement of drug laws, have left justified mistrust in many "
                    "communities. Disparities continue today: for example, research published in 2019 "
                    "found that buprenorphine prescriptions in U.S. outpatient visits went "
                    "overwhelmingly to white patients.</p>",
                ),
                ("heading", "What cultural humility looks like in peer work"),
                (
                    "paragraph",
                    "<ul>"
                    "<li><b>Ask, don't assume:</b> \"What's important for me to understand about you, "
                    'your background or your beliefs as we work together?" "What does healing look '
                    'like in your family or community?"</li>'
                    "<li><b>Notice your reactions:</b> when you feel surprise, discomfort or judgement, "
                    "treat it as information about your own lens and bring it to supervision. Tools "
                    "such as Pamela Hays's ADDRESSING framework can help you reflect on the many "
                    "dimensions of your own identity and those of others.</li>"
                    "<li><b>Share power:</b> offer choices about where, when and how you meet; let the "
                    "person set the agenda; read your notes back to them.</li>"
                    "<li><b>Repair when you get it wrong:</b> if you make an assumption or use a "
                    "hurtful term, acknowledge it simply, apologise, and ask how to do better, without "
                    "making the moment about your guilt.</li>"
                    "<li><b>Hold institutions accountable:</b> raise patterns you see, such as who "
                    "is and is not offered MOUD, who drops out, or whose complaints are dismissed, and "
                    "support community voices in agency decisions.</li>"
                    "</ul>",
                ),
                (
                    "case_scenario",
                    {
                        "title": "The group that fits",
                        "scenario": "<p>Sky, a fictional 30-year-old who is Native American and "
                        "Two-Spirit, is three weeks into recovery from alcohol use "
                        "disorder. The peer specialist, Beth, has researched local "
                        "resources and enthusiastically gives Sky details of a Wellbriety "
                        'circle at the tribal health centre, saying, "I figured this '
                        'would feel most like home." Sky says politely that they will '
                        "think about it. The following week Sky mentions they were raised "
                        "mostly in the city, attend a Catholic parish with their "
                        "grandmother, and had really hoped to find an LGBTQ+ recovery "
                        "meeting.</p>",
                        "discussion_questions": [
                            "What did Beth do well, and what assumption did she make?",
                            "How could Beth have used questions to learn what kind of support Sky wanted?",
                            'How might intersectionality help explain why one "culturally matched" resource did not fit?',
                            "What might Beth say now to repair and move forward?",
                        ],
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": "List five parts of your own cultural identity, including your recovery culture. For one of them, describe an assumption others have made about you and how it felt. Then name one group of people you may find it harder to serve without judgement. What is one concrete step you will take this month to learn, such as listening to community voices or raising a question in supervision, without relying on the people you serve to educate you?",
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 4
        # ------------------------------------------------------------------
        {
            "slug": "linking-to-resources-and-warm-referrals",
            "title": "Linking to Resources: Warm Referrals That Work",
            "summary": "Connecting people to housing, employment, benefits, mutual-aid groups and recovery community organisations through warm referrals instead of handing over a phone number.",
            "estimated_minutes": 120,
            "body": [
                ("heading", "Why linking is advocacy"),
                (
                    "paragraph",
                    "<p>Linking people to resources, services and supports is one of SAMHSA's core "
                    "competencies for peer workers, and it is where advocacy becomes practical. Basic "
                    "needs such as housing, income, food, identification documents, transport and "
                    "childcare are not extras to recovery. They are the ground it stands on. A person "
                    "who is worried about where they will sleep tonight has little energy for recovery "
                    "goals. Systems are often confusing, slow and discouraging, and people who have "
                    "been turned away before may not try again. A peer who knows the landscape and "
                    "walks alongside can make the difference.</p>",
                ),
                ("heading", "Cold referral versus warm referral"),
                (
                    "paragraph",
                    "<p>A <b>cold referral</b> is handing someone a phone number, a flyer or a website "
                    "and hoping they follow up. It is fast, and for some confident, well-resourced "
                    "people it is enough. For many people, especially in early recovery or crisis, "
                    "it is where the connection ends. The line is busy, the office is closed, the "
                    "person on the phone is curt, or the form asks for documents they do not "
                    "have.</p>"
                    "<p>A <b>warm referral</b>, or warm handoff, is a personal connection made with "
                    "the person's consent and involvement. Studies of hospital and emergency "
                    "department peer programmes suggest that warm handoffs make people more likely to "
                    "engage with the next service. The steps usually include:</p>"
                    "<ol>"
                    "<li><b>Explore what the person wants</b> and what has and has not worked before.</li>"
                    "<li><b>Explain the options</b> honestly, including wait times, costs, rules and "
                    "what the place is actually like.</li>"
                    "<li><b>Get informed consent</b>, including a signed release of information before "
                    "sharing details. Substance use disorder records may have extra protection under "
                    "42 CFR Part 2.</li>"
                    "<li><b>Make the connection together:</b> a three-way call, a direct introduction "
                    "to a named contact, or going with the person to the first appointment or "
                    "meeting.</li>"
                    "<li><b>Prepare for barriers:</b> transport, documents, childcare, what to say at "
                    "the front desk.</li>"
                    '<li><b>Follow up:</b> "How did it go?" Then adjust the plan if it did not fit.</li>'
                    "</ol>",
                ),
                ("heading", "Housing, employment and benefits"),
                (
                    "paragraph",
                    "<ul>"
                    "<li><b>Housing:</b> emergency shelters and your community's <b>coordinated "
                    "entry</b> system for homelessness services; <b>Housing First</b> programmes, which "
                    "offer permanent housing without requiring sobriety or treatment first and have "
                    "strong evidence for people experiencing chronic homelessness; and <b>recovery "
                    "residences</b>. The National Alliance for Recovery Residences (NARR) describes "
                    "four levels of support, from peer-run homes such as Oxford Houses to "
                    "clinically supervised settings. Check whether a residence follows NARR or state "
                    "certification standards and whether it accepts people taking MOUD.</li>"
                    "<li><b>Employment:</b> state <b>vocational rehabilitation</b> agencies, American "
                    "Job Centers, <b>Individual Placement and Support (IPS)</b> supported employment, "
                    "Ticket to Work for people receiving disability benefits, recovery-friendly "
                    "workplace initiatives, and record-clearing or expungement clinics where "
                    "available.</li>"
                    "<li><b>Benefits:</b> Medicaid, SNAP food assistance, and Social Security "
                    "disability benefits (SSI and SSDI). Federal law does not allow a substance use "
                    'disorder alone to be the basis of a disability award when it is "material" to '
                    "the disability, but people with co-occurring conditions may qualify. <b>SOAR</b> "
                    "(SSI/SSDI Outreach, Access, and Recovery) trained workers help people who are "
                    "experiencing or at risk of homelessness apply. Dialling <b>211</b> connects "
                    "people with local help in most areas.</li>"
                    "</ul>",
                ),
                ("heading", "Mutual aid and recovery community organisations"),
                (
                    "paragraph",
                    "<p>Offer the full range of <b>mutual-aid groups</b>, in person and online, and "
                    "let the person choose:</p>"
                    "<ul>"
                    "<li>Twelve-step fellowships such as Alcoholics Anonymous, Narcotics Anonymous and "
                    "Cocaine Anonymous.</li>"
                    "<li>SMART Recovery, LifeRing Secular Recovery and Women for Sobriety.</li>"
                    "<li>Recovery Dharma (Buddhist-inspired) and Celebrate Recovery (Christian).</li>"
                    "<li>Wellbriety, rooted in Native American culture and teachings.</li>"
                    "<li>Medication-Assisted Recovery Anonymous, plus all-recovery meetings that "
                    "welcome every pathway.</li>"
                    "<li>Dual Recovery Anonymous for co-occurring conditions.</li>"
                    "<li>For families: Al-Anon, Nar-Anon and SMART Recovery Family &amp; Friends.</li>"
                    "</ul>"
                    "<p>Meetings differ a great deal, even within one fellowship. Some are more "
                    "welcoming to people taking medication, LGBTQ+ people, young people or newcomers "
                    "than others. Where you can, learn about specific meetings and encourage people "
                    "to try several.</p>",
                ),
                (
                    "paragraph",
                    "<p><b>Recovery community organisations (RCOs)</b> are independent, non-profit "
                    "organisations led and governed by people in recovery and their communities. Many "
                    "run recovery community centres offering peer support, all-recovery meetings, "
                    "social events, employment help and advocacy training. Collegiate recovery "
                    "programmes, recovery high schools and recovery cafés extend the same idea. For "
                    "treatment, FindTreatment.gov and the free, confidential SAMHSA National Helpline, "
                    "1-800-662-HELP (4357), available 24/7 in English and Spanish, can help people "
                    "find options.</p>"
                    "<p><b>What this looks like in peer work:</b> rather than saying \"There's an "
                    'RCO on Main Street," you might say, "The recovery centre on Main Street has a '
                    "family dinner on Thursdays and an all-recovery meeting afterwards. I usually go. "
                    "Would you like to meet me there, and I'll introduce you to a couple of people?\" "
                    "The information is the same; the chance that the person walks through the door is "
                    "very different.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "caution",
                        "title": "Keep your resource list current",
                        "body": "<p>An out-of-date resource list can do real harm: a closed shelter, "
                        "a meeting that moved, or a clinic that stopped taking Medicaid. "
                        "Verify key resources regularly, note the date you last checked, "
                        "record a named contact where possible, and share updates with your "
                        "team. Ask the people you support for feedback on where they were, and "
                        "were not, treated well.</p>",
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "crisis",
                        "title": "When basic-needs work uncovers a crisis",
                        "body": "<p>Losing housing, a job or benefits can bring on a crisis. If a "
                        "person tells you they are thinking of suicide or are in emotional "
                        "distress, they can <b>call or text 988</b> or chat online with the "
                        "988 Suicide &amp; Crisis Lifeline at any hour; veterans can "
                        "<b>press 1</b> for the Veterans Crisis Line. If anyone is in "
                        "<b>immediate danger</b>, including a suspected overdose, <b>call "
                        "911</b>. Follow your agency's crisis protocol and inform your "
                        "supervisor.</p>",
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "Release day",
                        "scenario": "<p>Bri, a fictional 26-year-old, is being released from county "
                        "jail on Friday after four months. She started buprenorphine in "
                        "jail through a programme there and has one week of medication. "
                        "She has no state ID, her phone was lost, and she cannot return "
                        'to her previous apartment. She tells you, "Last time I got out '
                        "they gave me a list of numbers. I didn't call any of them.\"</p>",
                        "discussion_questions": [
                            "Rank Bri's needs in the first 72 hours after release. Which are most urgent for her safety?",
                            "What would a warm referral for continuing her buprenorphine look like, step by step?",
                            "What consent and release-of-information steps are needed before you contact providers on her behalf?",
                            "Which housing, benefits and mutual-aid or RCO resources might fit Bri, and how would you let her choose among them?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which action is the best example of a warm referral?",
                        "options": [
                            {
                                "text": "Giving the person a printed list of ten local treatment programmes to call.",
                                "correct": False,
                            },
                            {
                                "text": "With the person's consent and a signed release, making a three-way call to introduce them to a named intake worker, then checking in after the appointment.",
                                "correct": True,
                            },
                            {
                                "text": "Emailing the person's full history to a programme so they don't have to tell their story again.",
                                "correct": False,
                            },
                            {
                                "text": "Telling the person to call 211 when they feel ready.",
                                "correct": False,
                            },
                        ],
                        "explanation": "A warm referral is a personal, consented connection with follow-up. Lists and phone numbers are cold referrals. Sending records without consent violates confidentiality and may breach 42 CFR Part 2 or HIPAA.",
                    },
                ),
            ],
        },
    ],
}
