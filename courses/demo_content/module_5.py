# PeerCert demo curriculum. Module 5: Confidentiality and the Law.
# Teaching content only: every person named in a case scenario is fictional.

MODULE = {
    "slug": "confidentiality-and-the-law",
    "title": "Confidentiality and the Law",
    "intro": (
        "<p>People tell peer specialists things they have never told anyone: about their use, "
        "their families, their past, their fears. That trust rests on confidentiality. This "
        "module covers the two federal laws that shape privacy in substance use services, the "
        "<b>HIPAA Privacy Rule</b> and <b>42 CFR Part 2</b>, including the changes made by the "
        "2024 Part 2 final rule, and the situations in which confidentiality has limits: abuse "
        "reporting, threats of violence and medical emergencies.</p><p>It then turns to everyday "
        "practice: writing notes that are objective, strengths-based, minimal and timely, keeping "
        "details off personal phones and notebooks, and holding boundaries on social media. Laws "
        "differ from state to state and agencies set their own policies, so this module teaches "
        "principles and the right questions to ask. It is not legal advice; your supervisor and "
        "your agency's privacy officer are your first resources.</p>"
    ),
    "contact_hours": "7.0",
    "domain_hours": {"Ethical Responsibility": "6.0", "Advocacy": "1.0"},
    "competencies": [1, 9, 10, 11],
    "objectives": [
        (
            "Explain what the HIPAA Privacy Rule protects and apply the minimum-necessary "
            "standard to everyday peer work."
        ),
        (
            "Describe which programs 42 CFR Part 2 covers, the elements of a valid written "
            "consent, the restriction on redisclosure, and the main changes made by the 2024 "
            "final rule."
        ),
        (
            "Identify the limits of confidentiality, including mandated reporting of child and "
            "elder abuse, duty to warn or protect, and medical emergencies, and explain them in "
            "plain language at the start of a peer relationship."
        ),
        (
            "Respond to a request for information from a relative or an employer in a way that "
            "protects the person's privacy and supports their choices."
        ),
        "Write a progress note that is objective, strengths-based, minimal and timely.",
        "Apply privacy and boundary principles to phones, personal notes and social media.",
    ],
    "lessons": [
        {
            "slug": "hipaa-and-the-minimum-necessary-standard",
            "title": "HIPAA and the Minimum-Necessary Standard",
            "summary": (
                "What the HIPAA Privacy Rule protects, what it permits, the rights it gives "
                "people, and how to share only what is needed."
            ),
            "estimated_minutes": 105,
            "body": [
                ("heading", "Confidentiality is the foundation of trust"),
                (
                    "paragraph",
                    (
                        "<p>For many people, being identified as someone who uses drugs or is in "
                        "recovery still carries real consequences: losing a job, housing or "
                        "custody of a child, being treated differently by a doctor, or facing "
                        "criminal charges. When a person decides to tell you about their life, "
                        "they are trusting that you will protect what they share. Confidentiality "
                        "is an ethical duty in every code for peer workers, which Module 6 "
                        "covers, and it is also a legal duty.</p><p>Two federal laws matter most "
                        "in substance use services: the <b>HIPAA Privacy Rule</b>, which applies "
                        "to most health care, and <b>42 CFR Part 2</b>, which adds stronger "
                        "protections for substance use disorder records in federally assisted "
                        "programs (Lesson 2). State laws can add further protections, and when "
                        "laws differ, the stricter protection generally applies. Your agency's "
                        "policies put all of this into practice, and they may be stricter "
                        "still.</p>"
                    ),
                ),
                ("heading", "The HIPAA Privacy Rule in brief"),
                (
                    "paragraph",
                    (
                        "<p>The Health Insurance Portability and Accountability Act of 1996 led "
                        "to the Privacy Rule, which sets national standards for protecting health "
                        "information. It applies to <b>covered entities</b>, meaning health "
                        "plans, health care clearinghouses, and health care providers that carry "
                        "out certain transactions electronically, such as billing insurance or "
                        "Medicaid, and to their <b>business associates</b>, the contractors that "
                        "handle health information on their behalf. Many peer support programs "
                        "are part of a covered entity, especially those that bill Medicaid for "
                        "peer services. Some community programs are not covered by HIPAA at all, "
                        "but they almost always adopt similar confidentiality policies.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>The Privacy Rule protects <b>protected health information (PHI)</b>: "
                        "individually identifiable information, in any form, electronic, paper or "
                        "spoken, that relates to a person's physical or mental health, the care "
                        "they receive, or payment for it. In peer work, PHI includes far more "
                        "than a chart. A person's name combined with the fact that they come to "
                        "your program, their appointment time, a text message about their goals, "
                        "a voicemail, a photograph taken at a recovery event, even a conversation "
                        "in the hallway about how someone is doing: all of these can be PHI.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>The rule allows covered entities to use and share PHI without the "
                        "person's written authorization for <b>treatment, payment and health care "
                        "operations</b>, and for certain public-interest purposes such as "
                        "disclosures required by law, reports of abuse or neglect, and preventing "
                        "a serious and imminent threat to health or safety. Health care providers "
                        "may also share relevant information with family members or friends "
                        "involved in a person's care if the person agrees or does not object, or, "
                        "when the person cannot agree, if the provider judges it to be in their "
                        "best interest. Most other disclosures need the person's written "
                        "authorization.</p><p>HIPAA also gives people rights, and helping people "
                        "know and use them is part of a peer's advocacy role. People have the "
                        "right to receive a notice of privacy practices; to see and get a copy of "
                        "their records; to ask for corrections; to receive an accounting of "
                        "certain disclosures; to ask for restrictions on how their information is "
                        "shared; to ask to be contacted in a particular way, for example only on "
                        "their cell phone; and to file a complaint with the U.S. Department of "
                        "Health and Human Services Office for Civil Rights without fear of "
                        "retaliation.</p>"
                    ),
                ),
                ("heading", "The minimum-necessary standard"),
                (
                    "paragraph",
                    (
                        "<p>When HIPAA permits a use or disclosure, covered entities must still "
                        "make reasonable efforts to use, share or request only the <b>minimum "
                        "necessary</b> information to accomplish the purpose. The standard does "
                        "not apply to a few situations, such as sharing with another provider for "
                        "treatment, sharing with the person themselves, or sharing under the "
                        "person's authorization, but the habit behind it, asking <i>“Who needs to "
                        "know this, and how much do they need?”</i>, is good practice "
                        "everywhere.</p><p>What this looks like in peer work:</p><ul><li>When you "
                        "book a ride to an appointment, the transport service needs a name, an "
                        "address and a time, not the reason for the appointment.</li><li>In a "
                        "team meeting, you share what is relevant to the person's goals and "
                        "safety, not every detail of what they told you about their "
                        "family.</li><li>You do not open the records of people you are not "
                        "working with, including friends, relatives, neighbors or someone who was "
                        "in the news. Electronic records keep audit logs, and “just looking” is a "
                        "privacy violation.</li><li>You have conversations about people you "
                        "support in private spaces, not in the lobby, the elevator or the parking "
                        "lot.</li><li>When a coworker asks, <i>“Is Sam back in treatment?”</i> "
                        "out of curiosity, the answer is a friendly, <i>“I can't talk about "
                        "that.”</i></li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "caution",
                        "title": "Curiosity is not a need to know",
                        "body": (
                            "<p>Looking up a record you have no work reason to see is one of the "
                            "most common privacy violations in health care, and agencies "
                            "routinely discipline or dismiss staff for it. Peers are at "
                            "particular risk because recovery communities are small: you may know "
                            "the person who just walked in from meetings, from the neighborhood "
                            "or from your own past. Knowing someone is never a reason to look.</p>"
                        ),
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "A mother's phone call",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> Tamsin is a peer specialist in an "
                            "outpatient substance use treatment program that bills Medicaid. One "
                            "afternoon a woman calls and says, “This is Jory's mother. I'm paying "
                            "his rent while he's in your program, so I have a right to know "
                            "whether he's actually showing up. And is he using again? I'm worried "
                            "sick.” Jory is 28. Tamsin has been meeting with him weekly, and "
                            "there is no consent on file that mentions his mother.</p>"
                        ),
                        "discussion_questions": [
                            (
                                "What can Tamsin say to Jory's mother without confirming or "
                                "denying that Jory receives services?"
                            ),
                            (
                                "How could Tamsin respond to the mother's worry with compassion, "
                                "for example by pointing her to support for families?"
                            ),
                            (
                                "Under HIPAA alone, providers may sometimes share information "
                                "with family involved in care. Why is the answer likely to be "
                                "stricter in this program? (Lesson 2 explains.)"
                            ),
                            (
                                "How could Tamsin raise the call with Jory, and support him to "
                                "decide whether he wants his mother involved?"
                            ),
                        ],
                    },
                ),
                (
                    "paragraph",
                    (
                        "<p>A response that protects Jory and respects his mother might sound "
                        "like: <i>“I can hear how worried you are. Because of privacy laws, I "
                        "can't confirm or deny whether any particular person gets services here. "
                        "What I can do is tell you about support for families, including a family "
                        "group that meets here on Thursdays and information on how to get "
                        "naloxone.”</i> Tamsin can then tell Jory that his mother called and what "
                        "was said, and ask whether he would like her involved. If he does, he can "
                        "sign a consent that says exactly what may be shared. The decision "
                        "belongs to him.</p>"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "You are arranging a ride for a person to a medication appointment. "
                            "Under the minimum-necessary standard, what should you tell the "
                            "transport service?"
                        ),
                        "options": [
                            {
                                "text": "The person's name, pick-up address and appointment time.",
                                "correct": True,
                            },
                            {
                                "text": (
                                    "The person's name, address, appointment time and that the "
                                    "appointment is for buprenorphine, so the driver is not "
                                    "surprised."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "A copy of the person's treatment plan, so the driver "
                                    "understands their needs."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Nothing at all; HIPAA never allows you to share information "
                                    "with a transport service."
                                ),
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "The transport service needs enough to do its job: who, where and "
                            "when. The purpose of the appointment and the treatment plan are not "
                            "necessary for a ride. Sharing what a service genuinely needs is "
                            "permitted when done under the agency's arrangements; sharing more is "
                            "not."
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "42-cfr-part-2",
            "title": "42 CFR Part 2: Protecting Substance Use Disorder Records",
            "summary": (
                "Who Part 2 covers, what valid consent requires, the limits on redisclosure, and "
                "what the 2024 final rule changed and kept."
            ),
            "estimated_minutes": 105,
            "body": [
                ("heading", "Why substance use records have extra protection"),
                (
                    "paragraph",
                    (
                        "<p>In the early 1970s Congress recognized that many people would not "
                        "seek help for alcohol or drug problems if their treatment records could "
                        "be used to arrest, prosecute, fire, evict or separate them from their "
                        "children. The federal confidentiality law that followed is carried out "
                        "by regulations at <b>42 CFR Part 2</b>, first issued in 1975. Part 2 is "
                        "stricter than HIPAA in several ways, and for a peer working in or "
                        "alongside substance use treatment, it is often the rule that decides "
                        "what you may say.</p><p>Protecting privacy is also an advocacy issue. "
                        "People in recovery still face discrimination. The Americans with "
                        "Disabilities Act protects people in recovery from a substance use "
                        "disorder who are not currently using illegal drugs, including people "
                        "taking medication for opioid use disorder as prescribed, and people with "
                        "alcohol use disorder. Part 2 helps ensure that asking for help does not "
                        "become evidence against someone.</p>"
                    ),
                ),
                ("heading", "Who Part 2 covers"),
                (
                    "paragraph",
                    (
                        "<p>Part 2 applies to <b>federally assisted programs</b> that hold "
                        "themselves out as providing, and do provide, substance use disorder "
                        "<b>diagnosis, treatment or referral for treatment</b>. “Federally "
                        "assisted” is broad: it includes programs that receive federal grants, "
                        "participate in Medicare or Medicaid, are registered with the Drug "
                        "Enforcement Administration (as opioid treatment programs are), have "
                        "federal tax-exempt status, or are run by a federal agency. Units within "
                        "general medical settings whose main purpose is substance use treatment "
                        "can also be covered.</p><p>Part 2 protects any information that would "
                        "identify a person, directly or indirectly, as having or having had a "
                        "substance use disorder. That includes simply confirming that someone is "
                        "a patient of a program that is known as a substance use program. Whether "
                        "your particular program is a Part 2 program is a legal determination "
                        "your agency makes. If you work in or alongside a federally assisted "
                        "treatment program, assume Part 2 applies until your privacy officer "
                        "tells you otherwise, and remember that recipients of Part 2 records are "
                        "bound by its rules too.</p>"
                    ),
                ),
                ("heading", "Consent that is specific and written"),
                (
                    "paragraph",
                    (
                        "<p>Apart from a small number of exceptions, a Part 2 program may "
                        "disclose information only with the person's <b>written consent</b>, and "
                        "the consent must contain specific elements. Your agency's form will "
                        "include them; never improvise your own. A valid consent "
                        "includes:</p><ul><li>the person's name;</li><li>who may make the "
                        "disclosure;</li><li>how much and what kind of information may be "
                        "disclosed, described specifically, for example “attendance dates "
                        "only”;</li><li>who may receive it, named specifically, or for a "
                        "treatment, payment and health care operations consent, a general "
                        "description such as the person's treating providers and health "
                        "plans;</li><li>the purpose of the disclosure;</li><li>the person's right "
                        "to revoke the consent and how to do it;</li><li>an expiration date, "
                        "event or condition;</li><li>the person's signature and the "
                        "date.</li></ul><p>A vague release such as “to anyone who needs it” does "
                        "not meet the standard.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>Part 2 also restricts <b>redisclosure</b>. Information disclosed with "
                        "consent goes out with a notice that it is protected by federal law, and "
                        "in general the person who receives it, such as an employer, a family "
                        "member or a court program, may not pass it on or use it for another "
                        "purpose without the person's consent. The 2024 final rule created one "
                        "important exception, described below, for health care organizations that "
                        "receive records under a treatment, payment and operations consent.</p>"
                    ),
                ),
                ("heading", "The 2024 final rule: what changed"),
                (
                    "paragraph",
                    (
                        "<p>In February 2024 the U.S. Department of Health and Human Services "
                        "published a final rule, required by the CARES Act of 2020, that brought "
                        "Part 2 closer to HIPAA. It took effect in April 2024, and programs must "
                        "comply by February 16, 2026. The main changes:</p><ul><li><b>A single "
                        "consent</b> may now cover all future uses and disclosures for "
                        "<b>treatment, payment and health care operations</b>, instead of a new "
                        "consent for each disclosure.</li><li>Part 2 programs, HIPAA covered "
                        "entities and business associates that receive records under such a "
                        "consent may <b>redisclose them as HIPAA permits</b>, except for use "
                        "against the person in legal proceedings.</li><li><b>HIPAA-style breach "
                        "notification</b> applies: if Part 2 records are breached, affected "
                        "people must be notified as under the HIPAA Breach Notification "
                        "Rule.</li><li>Penalties for violations now follow HIPAA's civil and "
                        "criminal enforcement structure, and people can <b>file complaints</b> "
                        "with HHS.</li><li>People gain rights aligned with HIPAA, such as asking "
                        "for restrictions on disclosures and receiving an accounting of "
                        "disclosures.</li><li><b>Substance use disorder counseling notes</b> that "
                        "a clinician keeps separately need their own consent, much like "
                        "psychotherapy notes under HIPAA.</li></ul>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>One core protection did <b>not</b> change. Part 2 records, and "
                        "testimony about their content, still <b>cannot be used or disclosed in "
                        "civil, criminal, administrative or legislative proceedings against the "
                        "person</b> without their specific written consent, given separately from "
                        "any other consent, or a court order that meets Part 2's requirements. A "
                        "subpoena on its own is not enough. If anyone, including an attorney, a "
                        "police officer or a child welfare worker, asks you for information about "
                        "someone you support, do not confirm or deny anything; take their details "
                        "and go straight to your supervisor.</p><p>What this looks like in peer "
                        "work: checking what a consent actually covers before you share anything "
                        "with a probation officer or drug court; explaining consent forms in "
                        "plain language so people know what they are signing; reminding people "
                        "that they can revoke a consent, as the form explains; and helping people "
                        "ask for a copy of their records or an accounting of disclosures when "
                        "they want one.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "caution",
                        "title": "Never confirm or deny",
                        "body": (
                            "<p>In a Part 2 program, even saying <i>“Yes, he comes here, but I "
                            "can't tell you anything else”</i> is a disclosure. Without a valid "
                            "consent, use a neutral response every time, to every caller: "
                            "<i>“Federal law doesn't allow me to confirm or deny whether any "
                            "person receives services here. If you leave your name and number, "
                            "I'll make sure your message reaches the right person.”</i> Then let "
                            "your supervisor know.</p>"
                        ),
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "The employer's request",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> Ferris works at a distribution "
                            "warehouse and is back at work under a return-to-work agreement. Last "
                            "month he signed his program's Part 2 consent form allowing the "
                            "program to tell his employer's human resources department his "
                            "<b>attendance dates only</b>, for the purpose of the return-to-work "
                            "agreement, expiring after 90 days. Delphine from human resources "
                            "calls Anouk, Ferris's peer specialist, and asks: “Can you confirm he "
                            "was there Monday and Wednesday? Also, between us, is he using again? "
                            "Our safety manager is nervous. And could you send over his treatment "
                            "plan?”</p>"
                        ),
                        "discussion_questions": [
                            (
                                "Which part of Delphine's request does the consent cover, and "
                                "which parts does it not?"
                            ),
                            "What should Anouk say about the questions she cannot answer?",
                            (
                                "How should Anouk handle the disclosure she is allowed to make, "
                                "and who should she involve?"
                            ),
                            (
                                "How could Anouk support Ferris afterwards, for example if he "
                                "wants to talk to his employer himself about the safety manager's "
                                "concerns?"
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A law office sends your Part 2 program a subpoena for a person's "
                            "treatment records for use in a criminal case against them. There is "
                            "no consent and no court order. Which statement is accurate?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "A subpoena is a legal document, so the program must send the "
                                    "records."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Since the 2024 final rule, Part 2 records can be used in any "
                                    "legal proceeding as long as HIPAA allows it."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Without the person's specific written consent or a court "
                                    "order meeting Part 2's requirements, the records cannot be "
                                    "used against the person; a peer should not confirm or deny "
                                    "anything and should take the request to a supervisor."
                                ),
                                "correct": True,
                            },
                            {
                                "text": (
                                    "The peer may confirm that the person attends the program, "
                                    "since that is not part of the treatment record."
                                ),
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "The 2024 rule kept the protection against using Part 2 records in "
                            "proceedings against the person without specific consent or a "
                            "qualifying court order. A subpoena alone is not enough, and "
                            "confirming that someone attends a substance use program is itself a "
                            "disclosure. Requests like this go to your supervisor and privacy "
                            "officer."
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "limits-of-confidentiality",
            "title": "The Limits of Confidentiality",
            "summary": (
                "Mandated reporting of child and elder abuse, duty to warn or protect, medical "
                "emergencies, and how to explain these limits honestly."
            ),
            "estimated_minutes": 105,
            "body": [
                ("heading", "Strong, but not absolute"),
                (
                    "paragraph",
                    (
                        "<p>Confidentiality protects people, but it has limits set by law to "
                        "protect others, especially children and vulnerable adults, and to save "
                        "lives in emergencies. A peer who hides those limits, or promises more "
                        "secrecy than they can keep, damages trust far more than one who is "
                        "honest from the start. People have a right to know the rules before they "
                        "decide what to share. That is part of informed consent, and it is an "
                        "ethical duty.</p><p>The details vary by state and by program, so your "
                        "most important task is to learn your own state's rules and your agency's "
                        "procedures before you need them. This lesson gives you the framework.</p>"
                    ),
                ),
                ("heading", "Mandated reporting of child abuse and neglect"),
                (
                    "paragraph",
                    (
                        "<p>Every state has laws requiring certain people to report suspected "
                        "child abuse or neglect to child protective services or law enforcement. "
                        "Who is a <b>mandated reporter</b> varies: many states list professions "
                        "such as health care, social service and school staff, and some states "
                        "require every adult to report. Find out whether you are a mandated "
                        "reporter in your state and in your role. The standard is usually "
                        "<b>reasonable suspicion</b>, not proof. Your job is not to investigate "
                        "or to decide whether abuse happened; it is to report promptly, within "
                        "the time your state requires, and to follow your agency's "
                        "procedure.</p><p>In many states the duty to report is personal. Telling "
                        "your supervisor is essential, but it may not satisfy your own legal "
                        "obligation. Ask your agency how reports are made and documented. People "
                        "who report in good faith are generally protected from liability. 42 CFR "
                        "Part 2 specifically permits the initial report of suspected child abuse "
                        "or neglect that state law requires, although the program's records still "
                        "cannot be used in later proceedings without consent or a court order. "
                        "Rules about substance use during pregnancy and about newborns exposed to "
                        "substances differ widely between states; never guess, ask.</p>"
                    ),
                ),
                ("heading", "Elder and vulnerable adult abuse"),
                (
                    "paragraph",
                    (
                        "<p>Most states also have adult protective services laws covering abuse, "
                        "neglect and exploitation of older adults and adults with disabilities. "
                        "Depending on the state, this can include physical, sexual and emotional "
                        "abuse, neglect by a caregiver, financial exploitation, and sometimes "
                        "self-neglect. Who must report varies widely. What this looks like in "
                        "peer work: a person tells you their adult son takes their disability "
                        "check every month and leaves them without food. Listen, acknowledge how "
                        "hard that is, tell the person honestly what you need to do, and go to "
                        "your supervisor the same day. In a Part 2 program, how to make such a "
                        "report without unnecessarily revealing the person's substance use "
                        "treatment is a question for your supervisor and privacy officer.</p>"
                    ),
                ),
                ("heading", "Duty to warn and duty to protect"),
                (
                    "paragraph",
                    (
                        "<p>In the 1976 case <i>Tarasoff v. Regents of the University of "
                        "California</i>, the California Supreme Court held that a therapist whose "
                        "patient poses a serious danger of violence to another person must take "
                        "reasonable steps to protect the intended victim. Since then, states have "
                        "taken different approaches: some make a duty to warn or protect "
                        "mandatory, some permit disclosure without requiring it, and some have no "
                        "statute. These laws usually apply to licensed mental health "
                        "professionals and to serious threats of physical violence against a "
                        "reasonably identifiable person. HIPAA permits disclosures needed to "
                        "prevent or lessen a serious and imminent threat to the health or safety "
                        "of a person or the public; Part 2's rules are narrower.</p><p>You are "
                        "not the person who decides whether a threat triggers a legal duty. Your "
                        "role is to take every threat seriously, not to promise secrecy, to tell "
                        "your supervisor or the designated clinician <b>immediately</b>, and to "
                        "call 911 if anyone is in immediate danger. The same applies when a "
                        "person is at risk of harming themselves: bringing in help, as Module 4 "
                        "describes, is a limit on confidentiality that people should hear about "
                        "at the start.</p>"
                    ),
                ),
                ("heading", "Medical emergencies"),
                (
                    "paragraph",
                    (
                        "<p>In a medical emergency, information can be shared with the medical "
                        "personnel treating the person. HIPAA allows sharing for treatment. Part "
                        "2 allows a program to disclose information without consent to medical "
                        "personnel to the extent necessary to meet a genuine medical emergency in "
                        "which the person's consent cannot be obtained, and the program must then "
                        "document the disclosure: who received it and their organization, who "
                        "made it, the date and time, and the nature of the emergency. What this "
                        "looks like in peer work: during an overdose, you tell the paramedics "
                        "what the person may have taken if you know, that they take methadone, "
                        "and that you gave two doses of naloxone. You do not share their history "
                        "with their family, their legal situation or anything else unrelated. "
                        "Afterwards, make sure the disclosure is recorded as your agency "
                        "requires.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Explaining the limits at the first meeting",
                        "body": (
                            "<p>Use plain words and check for understanding. For example: "
                            "<i>“What you share with me stays private, with a few exceptions I "
                            "want you to know about up front. If I believe a child or a "
                            "vulnerable adult is being abused or neglected, if someone's life is "
                            "in danger, including yours, or if there's a medical emergency, I may "
                            "have to share information to keep people safe. If that ever happens, "
                            "I'll tell you what I'm doing whenever I can. Does that make sense? "
                            "What questions do you have?”</i></p>"
                        ),
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "What Sunniva shared",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> Sunniva has been meeting with Emrick, "
                            "a peer specialist, for two months. At their first meeting Emrick "
                            "explained the limits of confidentiality. Today Sunniva is crying. "
                            "She tells Emrick that her boyfriend drinks heavily and last weekend "
                            "hit her four-year-old son hard enough to leave a bruise. “Please "
                            "don't tell anyone,” she says. “If child protective services gets "
                            "involved they'll take my kids, and it's my fault for letting him "
                            "move in.”</p>"
                        ),
                        "discussion_questions": [
                            (
                                "What is Emrick's obligation, and what in his state's law and "
                                "agency policy does he need to know to meet it?"
                            ),
                            (
                                "How can Emrick be honest with Sunniva about what he must do "
                                "while still supporting her?"
                            ),
                            (
                                "What else might Sunniva need right now, for example safety "
                                "planning for herself and her children or domestic violence "
                                "resources?"
                            ),
                            (
                                "What should Emrick bring to his supervisor, and what should he "
                                "document?"
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which statement about confidentiality limits is accurate?",
                        "options": [
                            {
                                "text": (
                                    "A peer specialist should decide for themselves whether a "
                                    "threat against another person triggers a legal duty to warn."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Peers may promise complete confidentiality, because they are "
                                    "not clinicians."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "In many states the duty to report suspected child abuse is "
                                    "personal, so a peer should know whether they are a mandated "
                                    "reporter and follow agency procedure, not just mention it to "
                                    "someone."
                                ),
                                "correct": True,
                            },
                            {
                                "text": (
                                    "A report of suspected abuse requires proof before it can be "
                                    "made."
                                ),
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Mandated reporting is usually triggered by reasonable suspicion, and "
                            "in many states the duty rests with the individual reporter. Peers "
                            "never promise absolute confidentiality, and decisions about duty to "
                            "warn belong to supervisors and clinicians, to whom the peer reports "
                            "immediately."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Practice, out loud, how you will explain the limits of "
                            "confidentiality to someone at your first meeting. Which part feels "
                            "hardest to say, and why?"
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "documentation-devices-and-social-media",
            "title": "Documentation, Devices and Social Media",
            "summary": (
                "Writing notes that are objective, strengths-based, minimal and timely, and "
                "keeping privacy and boundaries on phones and online."
            ),
            "estimated_minutes": 105,
            "body": [
                ("heading", "Why peers document"),
                (
                    "paragraph",
                    (
                        "<p>Documentation can feel like the opposite of peer work: paperwork "
                        "instead of presence. But records serve the person. They let the team "
                        "provide consistent support, show what services were given, make payment "
                        "possible (in many states Medicaid pays for peer support only when it is "
                        "properly documented), and form a legal record. People also generally "
                        "have the right to see and get copies of their records. A good rule: "
                        "<b>write every note as if the person will read it</b>, because they "
                        "may.</p>"
                    ),
                ),
                ("heading", "Four qualities of a good note"),
                (
                    "paragraph",
                    (
                        "<p>Whatever note format your agency uses, aim for four "
                        "qualities:</p><ul><li><b>Objective.</b> Describe what you saw, heard and "
                        "did. Use the person's own words in quotation marks where they help. "
                        "Leave out labels, guesses and diagnoses, which are outside the peer "
                        "role. Write <i>“J. said he has not slept for two nights and asked for "
                        "help finding a doctor”</i>, not <i>“J. is "
                        "manic.”</i></li><li><b>Strengths-based.</b> Record progress, effort and "
                        "the person's own goals: what they tried, what worked, what they want "
                        "next. Use person-first, non-stigmatizing language: “a person who uses "
                        "drugs”, “returned to use”, “a positive test result”, not “addict”, "
                        "“relapsed again” or “dirty urine”. Write “chose not to attend” rather "
                        "than “noncompliant”.</li><li><b>Minimal.</b> Include what is needed for "
                        "the purpose of the note and no more. Leave out details about other "
                        "people, stories that are not relevant to the service, and anything the "
                        "person would reasonably expect to stay between you unless it relates to "
                        "safety or the plan.</li><li><b>Timely.</b> Write notes the same day or "
                        "within your agency's deadline, while memory is accurate. Never backdate "
                        "a note and never change or delete an entry after the fact; if you need "
                        "to correct something, use your agency's correction or addendum "
                        "procedure.</li></ul>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>Compare two notes about the same meeting.</p><p><i>Weak:</i> “Client "
                        "was in a bad mood and obviously hung over. Complained about her ex again "
                        "and said he's a deadbeat who sells pills. Still noncompliant with going "
                        "to meetings. Probably going to relapse.”</p><p><i>Stronger:</i> “Met "
                        "with M. for 45 minutes at the center. M. said she felt ‘wiped out’ after "
                        "a stressful weekend and named two things that helped: calling her "
                        "sponsor and taking her daughter to the park. Discussed her goal of "
                        "returning to part-time work. M. chose to look at job listings together "
                        "and identified two to apply for. M. decided not to attend the evening "
                        "group this week. Next meeting Thursday; peer will bring information "
                        "about the job readiness workshop.”</p><p>The stronger note is objective, "
                        "records strengths and choices, leaves out gossip about a third person, "
                        "and gives the next person to read it something useful.</p>"
                    ),
                ),
                ("heading", "Personal notes, phones and everyday privacy"),
                (
                    "paragraph",
                    (
                        "<p>Most privacy breaches are not dramatic. They are a notebook left on a "
                        "bus, a text read over a shoulder, a lost phone without a passcode. "
                        "Protect information in everyday habits:</p><ul><li>Keep no details about "
                        "people you support in personal notebooks, personal phones, personal "
                        "email or personal cloud accounts. Use only your agency's approved "
                        "systems and devices.</li><li>If your agency allows a personal phone for "
                        "work, follow its policy exactly: approved secure apps, a passcode, no "
                        "photos of people or their documents, and no full names in your personal "
                        "contacts or calendar.</li><li>Ask each person at the start how they want "
                        "to be contacted and whether a message can be left. A neutral voicemail, "
                        "your first name and number, protects people whose phones are seen by "
                        "others.</li><li>Do not discuss people you support in public places, "
                        "including by phone.</li><li>Shred paper that contains identifying "
                        "information and never take records home unless your agency's policy "
                        "allows it.</li><li>Report a lost or stolen device or a misdirected "
                        "message <b>immediately</b>. Under HIPAA, and now Part 2, breaches can "
                        "require notifying the people affected, and speed limits the "
                        "harm.</li></ul>"
                    ),
                ),
                ("heading", "Social media and boundaries online"),
                (
                    "paragraph",
                    (
                        "<p>Recovery communities overlap online as much as they do in person, "
                        "which makes clear habits important. Most agencies do not allow staff to "
                        "friend, follow or privately message people they serve on personal "
                        "accounts, and even where policy is silent, it is good practice not to. A "
                        "friendly, consistent response helps: <i>“I'm glad we're connected here "
                        "at the center. I don't connect with people I work with on my personal "
                        "social media, but you can reach me on the agency phone during work "
                        "hours.”</i></p><p>Never post about your work in ways that could identify "
                        "anyone, even without names. In a small community, a detail such as “a "
                        "young mom I worked with today just got her kids back” can be enough to "
                        "identify someone. Do not search for people you support online out of "
                        "curiosity. Before posting a photo from a recovery event, make sure "
                        "everyone in it has agreed, and follow your agency's written consent "
                        "process for anything it publishes. Your own recovery story is yours to "
                        "share, but remember that posts are permanent and the people you support "
                        "may read them. If you come across a post from someone you support that "
                        "suggests they are in danger, follow your agency's crisis protocol rather "
                        "than responding privately from your personal account.</p>"
                    ),
                ),
                (
                    "case_scenario",
                    {
                        "title": "The late-night message",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> At 11 p.m. Marlowe, a peer specialist, "
                            "receives a friend request and a private message on his personal "
                            "social media account from Quinlan, whom he supports at the center: "
                            "“Hey, found you! Can we talk? Stuff with my landlord is bad again.” "
                            "Earlier that evening Marlowe had posted, without names, “Proud of a "
                            "guy I work with who hit 90 days today!” A coworker has commented, "
                            "“Is that the one from the warehouse job?”</p>"
                        ),
                        "discussion_questions": [
                            (
                                "How should Marlowe respond to Quinlan's friend request and "
                                "message, tonight and tomorrow?"
                            ),
                            (
                                "Does anything in the message suggest a crisis that needs a "
                                "faster response? How would Marlowe decide?"
                            ),
                            (
                                "What privacy problems does Marlowe's post create, even though it "
                                "contains no names? What should he do about it now?"
                            ),
                            "What could Marlowe raise in supervision about this situation?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which note best reflects the standards of objective, "
                            "strengths-based, minimal and timely documentation?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "“R. seemed depressed and is probably not taking her meds. "
                                    "Her sister is also an addict.”"
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "“R. said she has been ‘stuck at home’ this week. R. "
                                    "identified walking with her neighbor as something that helps "
                                    "and set a goal to attend the Saturday group. Next contact "
                                    "Monday.” (written the same afternoon)"
                                ),
                                "correct": True,
                            },
                            {"text": "“Met with R.” (written two weeks later)", "correct": False},
                            {
                                "text": (
                                    "A full account of everything R. said about her family, "
                                    "written the following week from memory."
                                ),
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "The correct note uses the person's own words, records strengths and "
                            "goals, includes only what is needed, and was written promptly. The "
                            "others contain diagnoses, guesses and information about a third "
                            "person, say too little, or were written too late and with too much "
                            "detail."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Look at your own phone and social media as if you had just started "
                            "as a peer specialist. What would you change today to protect the "
                            "people you will support, and yourself?"
                        ),
                    },
                ),
            ],
        },
    ],
}
