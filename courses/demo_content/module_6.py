# PeerCert demo curriculum. Module 6: Ethics and Professional Responsibility.
# Teaching content only: every person named in a case scenario is fictional.

MODULE = {
    "slug": "ethics-and-professional-responsibility",
    "title": "Ethics and Professional Responsibility",
    "intro": (
        "<p>Peer support works because it is built on shared experience, mutual respect and "
        "trust. Those same qualities make ethics in peer work both important and subtle: you may "
        "belong to the same recovery community as the people you support, you may share parts of "
        "your own story, and the line between a caring peer and a friend can blur. Ethical "
        "Responsibility is the largest domain in IC&amp;RC's peer recovery training requirements "
        "for good reason.</p><p>This module covers the codes of ethics peer workers are held to, "
        "the scope of the peer role (including why you never pressure anyone about prescribed "
        "medication), boundaries and dual relationships, how to use supervision well, a "
        "step-by-step model for working through ethical dilemmas, and how to sustain yourself so "
        "that you can keep doing this work without burning out.</p>"
    ),
    "contact_hours": "10.0",
    "domain_hours": {"Ethical Responsibility": "10.0"},
    "competencies": [1, 3, 4, 10, 12],
    "objectives": [
        (
            "Describe the principles shared by codes of ethics for peer workers, including "
            "NAADAC's code and the codes adopted by IC&RC member boards, and the possible "
            "consequences of violating them."
        ),
        (
            "Distinguish activities within the peer scope of practice from clinical assessment, "
            "diagnosis and medical advice, and explain why pressuring someone about prescribed "
            "medication, including medication for opioid use disorder, is an ethics violation."
        ),
        (
            "Identify boundary crossings, boundary violations and dual relationships involving "
            "romance, money, gifts, social contact and sponsorship, and describe an appropriate "
            "response to each."
        ),
        (
            "Explain the purposes of supervision, prepare for a supervision session, and "
            "recognize situations that require contacting a supervisor immediately."
        ),
        "Apply an eight-step ethical decision-making model to a dilemma in peer work.",
        (
            "Recognize the signs of burnout and compassion fatigue and write a personal plan to "
            "sustain wellness and recovery."
        ),
    ],
    "lessons": [
        {
            "slug": "codes-of-ethics-and-scope-of-practice",
            "title": "Codes of Ethics and Scope of Practice",
            "summary": (
                "The codes that guide peer workers, the principles they share, and where the peer "
                "role begins and ends, including respect for every medication pathway."
            ),
            "estimated_minutes": 120,
            "body": [
                ("heading", "Why peer workers have a code of ethics"),
                (
                    "paragraph",
                    (
                        "<p>Peer support is built on mutuality: you are not an expert standing "
                        "over someone, you are a person with lived experience walking alongside "
                        "them. But mutuality does not mean equal power. You are paid by an "
                        "agency, you write notes that others read, you can open or close doors to "
                        "services, and people often trust you more readily than they trust "
                        "clinicians. A code of ethics exists to make sure that power and trust "
                        "are always used for the person's benefit.</p><p>Codes protect the people "
                        "you serve, protect the credibility of a young profession, and protect "
                        "you, by giving you a clear answer when someone asks you to do something "
                        "you should not. When you apply for certification you will usually sign a "
                        "statement that you have read and agree to abide by a code, and "
                        "violations can lead to sanctions up to and including losing your "
                        "credential.</p>"
                    ),
                ),
                ("heading", "The codes you may be held to"),
                (
                    "paragraph",
                    (
                        "<p>Which code applies depends on your credential, your state and your "
                        "employer, and more than one may apply at once:</p><ul><li><b>IC&amp;RC "
                        "member boards.</b> IC&amp;RC sets international standards and "
                        "examinations for the Peer Recovery credential, but the credential itself "
                        "is awarded by member boards in each state or country. Each board adopts "
                        "a code of ethics that applicants must sign, and the board handles "
                        "complaints.</li><li><b>NAADAC and NCC AP.</b> NAADAC's Code of Ethics "
                        "applies to its members and to people who hold credentials through its "
                        "certification commission, the NCC AP, including the National Certified "
                        "Peer Recovery Support Specialist (NCPRSS). It covers topics such as the "
                        "helping relationship, confidentiality, professional responsibilities and "
                        "workplace standards, working in a culturally diverse world, technology "
                        "and social media, supervision, and resolving ethical "
                        "concerns.</li><li><b>Practice guidelines.</b> The National Association "
                        "of Peer Supporters' National Practice Guidelines describe the values of "
                        "peer support, for example that it is voluntary, hopeful, mutual, "
                        "strengths-focused and person-driven.</li><li><b>Your employer and your "
                        "state.</b> Agency policies, state certification rules and Medicaid rules "
                        "add requirements of their own.</li></ul><p>Keep a copy of the code you "
                        "signed, and reread it at least once a year.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>The wording differs, but peer codes share common principles. They ask "
                        "you to respect the dignity and <b>self-determination</b> of every "
                        "person; to serve without discrimination; to hold hope and support "
                        "recovery through <b>multiple pathways</b>; to protect "
                        "<b>confidentiality</b>; to be honest; to maintain clear "
                        "<b>boundaries</b> and never exploit anyone sexually, financially or "
                        "emotionally; to practice only within your training and role; to practice "
                        "cultural humility; to look after your own wellness and recovery; and to "
                        "address unethical conduct through the proper channels. Underneath these "
                        "sit classic ethical principles: autonomy (the person decides), "
                        "beneficence (do good), nonmaleficence (do no harm), justice (treat "
                        "people fairly), fidelity (keep your commitments) and veracity (tell the "
                        "truth).</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>When someone files a complaint, a certification board typically "
                        "reviews it, investigates, and, if the complaint is upheld, may issue a "
                        "reprimand, require further training or supervision, suspend the "
                        "credential or revoke it. Employers may take their own action. Many codes "
                        "also expect you to act when you know a colleague is violating the code, "
                        "by raising it with them where that is safe and appropriate, or through "
                        "your supervisor or the board. Looking the other way is not neutral.</p>"
                    ),
                ),
                ("heading", "Scope of practice: what peers do, and do not do"),
                (
                    "paragraph",
                    (
                        "<p>Peers engage people in hopeful, mutual relationships; share lived "
                        "experience purposefully; support recovery planning led by the person; "
                        "link people to resources; provide information about health, wellness and "
                        "recovery; help people through crises; and advocate. Peers do <b>not</b> "
                        "carry out clinical assessments, diagnose, provide psychotherapy, give "
                        "medical advice, or make treatment decisions for people. Those tasks "
                        "belong to licensed professionals, and when peers take them on they both "
                        "risk harm and lose what makes peer support distinctive.</p><p>Drift out "
                        "of role happens gradually. Under-staffed teams may ask a peer to run a "
                        "screening tool and “score it”, or people may ask you what you think of "
                        "their diagnosis or dose. What this looks like in peer work is staying "
                        "curious and connected without stepping into the clinical role. Instead "
                        "of <i>“It sounds like you're bipolar”</i>, try <i>“You haven't slept in "
                        "two nights and your thoughts are racing. That sounds hard. Would you "
                        "like help telling your doctor about it?”</i> Instead of advice about a "
                        "dose, try <i>“I can't tell you what dose is right, but I can help you "
                        "write down your questions for your prescriber.”</i></p>"
                    ),
                ),
                ("heading", "Medication and multiple pathways"),
                (
                    "paragraph",
                    (
                        "<p>Medications for opioid use disorder (MOUD), namely methadone, "
                        "buprenorphine and naltrexone, are approved by the Food and Drug "
                        "Administration and substantially reduce the risk of overdose death. "
                        "SAMHSA recognizes that recovery has many pathways, including medication. "
                        "A person taking medication as prescribed is in recovery, full "
                        "stop.</p><p>Peers <b>never pressure anyone to stop, reduce, avoid or "
                        "start a prescribed medication</b>, whether MOUD, psychiatric medication "
                        "or anything else. Your own recovery may not have included medication, "
                        "and some mutual-aid groups and recovery residences have historically "
                        "discouraged it, but your personal path and opinions do not become "
                        "advice. What you can do: share accurate information, help the person "
                        "prepare questions for their prescriber, help them find meetings and "
                        "housing that welcome people on medication, and advocate against policies "
                        "that exclude them.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "caution",
                        "title": "Pressure about medication is an ethics violation",
                        "body": (
                            "<p>Comments such as <i>“You're not really in recovery until you're "
                            "off that”</i> or <i>“Suboxone is just trading one drug for "
                            "another”</i> can push people toward stopping medication abruptly, "
                            "which raises their risk of returning to use and of overdose. "
                            "Pressuring someone about prescribed medication is outside the peer "
                            "scope of practice and violates the principle of self-determination "
                            "found in every peer code.</p>"
                        ),
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "Just trying to help",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> Ambrose is a peer specialist with "
                            "fifteen years of abstinence-based recovery. Linnea, whom he "
                            "supports, has been taking buprenorphine for a year, has a steady job "
                            "and is rebuilding her relationship with her kids. At a check-in "
                            "Ambrose says, with warmth, “You've done so well. Have you thought "
                            "about getting off the bupe so you can be completely clean? That's "
                            "what real freedom felt like for me.” Linnea goes quiet and cancels "
                            "her next two appointments.</p>"
                        ),
                        "discussion_questions": [
                            (
                                "Which ethical principles and scope-of-practice limits does "
                                "Ambrose's comment touch?"
                            ),
                            (
                                "What language in his comment is stigmatizing, even though it was "
                                "meant kindly?"
                            ),
                            "How could Ambrose repair the relationship with Linnea?",
                            (
                                "How could Ambrose share his own story in a way that supports "
                                "Linnea's chosen pathway instead of steering it?"
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A person you support asks, “Do you think I should cut my methadone "
                            "dose? I feel kind of foggy.” Which response stays within the peer "
                            "scope of practice?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "“Yes, if you feel foggy, you should definitely cut back.”"
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "“I can't advise you on your dose, but feeling foggy is worth "
                                    "raising with your prescriber. Would you like help writing "
                                    "down your questions or setting up the appointment?”"
                                ),
                                "correct": True,
                            },
                            {
                                "text": (
                                    "“Methadone is just a crutch; the sooner you're off it the "
                                    "better.”"
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "“That sounds like a sign of depression. I'll note that "
                                    "diagnosis in your record.”"
                                ),
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Dose changes are medical decisions. The peer validates the concern "
                            "and supports the person to talk with their prescriber. Giving dose "
                            "advice, disparaging medication and diagnosing are all outside the "
                            "peer role."
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "boundaries-and-dual-relationships",
            "title": "Boundaries and Dual Relationships",
            "summary": (
                "Boundary crossings and violations, romantic and financial limits, gifts, social "
                "contact, sponsorship and purposeful self-disclosure."
            ),
            "estimated_minutes": 120,
            "body": [
                ("heading", "Boundaries make the relationship safe"),
                (
                    "paragraph",
                    (
                        "<p>A peer relationship is warm, genuine and mutual, but it is not a "
                        "friendship. It exists for one purpose: the recovery and wellbeing of the "
                        "person you support. Boundaries are the limits that keep the relationship "
                        "focused on that purpose and safe for both of you. They are not walls. A "
                        "peer who is too rigid, who refuses to share anything human or treats "
                        "every request as a threat, loses the connection that makes peer support "
                        "work. A peer whose boundaries are too loose, always available, lending "
                        "money, becoming a best friend, eventually lets the person down, because "
                        "the relationship has started to serve the peer's needs or cannot be "
                        "sustained.</p><p>Peers face boundary questions that many clinicians "
                        "rarely meet. You may live in the same neighborhood, attend the same "
                        "meetings, know the same people and share the same history. That makes "
                        "clear thinking about boundaries more important, not less.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>It helps to distinguish two things. A <b>boundary crossing</b> is a "
                        "departure from usual practice that does not harm the person and may "
                        "help, for example attending their graduation from a program with your "
                        "supervisor's agreement, or a brief, relevant piece of self-disclosure. A "
                        "<b>boundary violation</b> harms or exploits the person, usually because "
                        "it serves the worker's needs: a sexual relationship, borrowing money, "
                        "using the person for free labor, sharing their story without consent. "
                        "Crossings are not automatically wrong, but they can become a slippery "
                        "slope, with each small step making the next one feel normal. That is why "
                        "crossings should be thought through, discussed in supervision and, where "
                        "your agency requires, documented.</p>"
                    ),
                ),
                ("heading", "Dual relationships"),
                (
                    "paragraph",
                    (
                        "<p>A <b>dual relationship</b> exists when you have another relationship "
                        "with someone besides peer support: friend, relative, business partner, "
                        "landlord, employer, coworker, romantic partner or sponsor. Some are "
                        "prohibited outright; some are unavoidable in small communities and must "
                        "be managed openly. When you discover one, for example the new person "
                        "assigned to you is your cousin's ex-partner, tell your supervisor, who "
                        "may arrange for someone else to work with the person.</p><p><b>Romantic "
                        "and sexual relationships</b> with anyone you serve are prohibited, "
                        "without exception, and consent does not change this, because the power "
                        "difference makes genuine consent impossible to judge. Many codes extend "
                        "the prohibition to the person's family members and close others, and to "
                        "people you served in the past, some for a set number of years and some "
                        "permanently; learn what your code says. Flirting, sexual jokes and "
                        "unwanted touch are violations too. Feelings of attraction are human, in "
                        "either direction. The ethical response is never to act on them and to "
                        "bring them to supervision.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p><b>Money and gifts.</b> Do not lend or borrow money, buy from or sell "
                        "to people you serve, go into business with them, or hire them for "
                        "personal jobs. Do not give or accept cash or gift cards. Many agencies "
                        "allow small token gifts, such as a card, a drawing or homemade cookies, "
                        "and expect anything more to be politely declined or reported; follow "
                        "your policy. Think about the meaning of a gift: in some cultures "
                        "refusing a small gift is hurtful, and a gift at the end of a "
                        "relationship means something different from a gift in the first week. "
                        "Paying for someone's lunch out of your own pocket feels generous but can "
                        "create dependence and unequal treatment; use agency resources "
                        "instead.</p><p><b>Social contact.</b> Keep the relationship within work: "
                        "no personal social media connections (Module 5), no personal phone "
                        "numbers unless your agency's policy allows them, no parties or personal "
                        "events, no rides in your own car unless policy allows, and no shared "
                        "housing. Mutual-aid meetings are a special case. You both have every "
                        "right to attend. At a meeting you are there for your own recovery, not "
                        "as staff; do not carry what you hear at meetings into work, or what you "
                        "know from work into meetings. If sharing a home group with someone you "
                        "support starts to affect your own recovery, consider other meetings and "
                        "talk it through in supervision.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p><b>Sponsorship and peer support are different roles.</b> A sponsor is "
                        "a volunteer within a particular mutual-aid fellowship who guides someone "
                        "through that fellowship's program, guided by its traditions, unpaid, "
                        "undocumented and informal. A peer specialist is a trained, often "
                        "certified worker within an organization who supports <i>whatever</i> "
                        "pathway the person chooses, is supervised, keeps records and is bound by "
                        "a code of ethics and by law. Do not become the sponsor of someone you "
                        "support as a peer, and do not use the peer role to recruit people into "
                        "your own fellowship. If someone you already sponsor is assigned to you, "
                        "tell your supervisor so the assignment can be "
                        "changed.</p><p><b>Self-disclosure</b> is a tool, not a conversation "
                        "between friends. Share your story purposefully: when it serves the "
                        "person, briefly, at a level of detail that helps, and then return the "
                        "focus to them. Ask yourself, <i>“Whose needs does this meet?”</i></p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Four questions before you cross a line",
                        "body": (
                            "<ul><li>Whose needs does this meet, mine or the "
                            "person's?</li><li>Would I do the same for everyone I "
                            "support?</li><li>Would I be comfortable if my supervisor, the "
                            "person's family or my certification board knew about it?</li><li>Can "
                            "I document it honestly?</li></ul><p>If any answer makes you "
                            "hesitate, talk to your supervisor before you act.</p>"
                        ),
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "The thank-you envelope",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> Odalys is finishing her time in the "
                            "program after nine months and has moved into her own apartment. At "
                            "their last meeting she hands Teodor, her peer specialist, an "
                            "envelope with a $50 gift card and a handwritten card, and invites "
                            "him to a family barbecue next weekend to celebrate. “You're like "
                            "family now,” she says. Teodor also knows Odalys's brother from a "
                            "meeting he attends every Tuesday.</p>"
                        ),
                        "discussion_questions": [
                            (
                                "Which parts of Odalys's offer are boundary questions, and which "
                                "might your agency's policy allow?"
                            ),
                            (
                                "How could Teodor decline the gift card and the invitation while "
                                "honoring what she is expressing?"
                            ),
                            (
                                "How should Teodor handle the overlap with Odalys's brother at "
                                "his Tuesday meeting?"
                            ),
                            "What should Teodor bring to supervision and document?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Kaspar, whom you support as a peer specialist, asks you to be his "
                            "sponsor in the fellowship you both attend. What is the most "
                            "appropriate response?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "Agree, because sponsorship and peer support both support "
                                    "recovery."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Agree, but only after his services with you have been "
                                    "running for three months."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Explain kindly that you cannot be his sponsor while you are "
                                    "his peer specialist, support him in finding a sponsor in the "
                                    "fellowship, and mention the request in supervision."
                                ),
                                "correct": True,
                            },
                            {
                                "text": (
                                    "Tell him that sponsorship is unnecessary because he already "
                                    "has a peer specialist."
                                ),
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Sponsorship and peer support are different roles with different "
                            "expectations and accountability. Holding both creates a dual "
                            "relationship. The peer declines warmly, supports the person to find "
                            "a sponsor if that is their chosen pathway, and consults their "
                            "supervisor."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Which boundary do you expect to find hardest to hold: money, social "
                            "contact, overlap in your recovery community, or self-disclosure? "
                            "What will you say the first time it is tested?"
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "using-supervision-well",
            "title": "Using Supervision Well",
            "summary": (
                "What supervision is for, what to bring to it, how to prepare, and when to "
                "contact your supervisor without waiting."
            ),
            "estimated_minutes": 120,
            "body": [
                ("heading", "What supervision is for"),
                (
                    "paragraph",
                    (
                        "<p>Supervision is required for most peer credentials. IC&amp;RC's Peer "
                        "Recovery standard, for example, calls for 25 hours of supervision "
                        "alongside 500 hours of practice, and boards and employers set their own "
                        "requirements. But supervision is far more than a box to check. It is "
                        "where you grow as a practitioner, where hard situations get shared "
                        "instead of carried alone, and where the peer role is "
                        "protected.</p><p>Supervision is usually described as having three "
                        "functions. The <b>administrative</b> function covers policies, "
                        "documentation, workload and role clarity. The <b>educational</b> "
                        "function builds your skills and knowledge against the competencies of "
                        "the role. The <b>supportive</b> function helps you process stress, "
                        "emotional reactions and difficult events, and is a key defense against "
                        "burnout. Good supervision for peers also keeps the role from drifting "
                        "into clinical work or case management, and champions the value of lived "
                        "experience on the team. Ideally your supervisor has peer experience or a "
                        "solid understanding of the peer role; where that is not available, a "
                        "peer community of practice can help fill the gap.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>Supervision is not therapy. It looks at you in your work. How your "
                        "own recovery affects your work belongs in supervision, for example when "
                        "a person's story hits close to home or when work stress is affecting "
                        "your wellness, but you decide how much of your personal history to "
                        "share. If you need treatment or recovery support for yourself, "
                        "supervision is a place to plan how to get it, not a replacement for "
                        "it.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>Supervision may be individual, in a group, or both. Group supervision "
                        "lets peers learn from one another's situations and eases the isolation "
                        "of being the only peer on a team; individual supervision is the place "
                        "for personal reactions and anything you would not raise in front of "
                        "colleagues. In either format, feedback is the heart of it. When your "
                        "supervisor points out something you missed, resist the urge to defend "
                        "yourself straight away. Try <i>“Can you say more about that?”</i>, then "
                        "sum up what you heard and what you will try next time. This is how a new "
                        "peer becomes an experienced one: not by never making mistakes, but by "
                        "bringing them into the open, learning from them and growing.</p>"
                    ),
                ),
                ("heading", "What to bring"),
                (
                    "paragraph",
                    (
                        "<p>The most useful supervision sessions are the ones where you bring "
                        "real material. Consider bringing:</p><ul><li>situations where you were "
                        "unsure what to do, or are still unsure;</li><li>ethical questions, even "
                        "small ones, such as a gift, a friend request or a request to bend a "
                        "rule;</li><li>boundary issues, including feelings toward people you "
                        "support, positive or negative;</li><li>situations that affected you "
                        "emotionally or triggered memories of your own past;</li><li>mistakes, "
                        "and what you have done about them;</li><li>documentation "
                        "questions;</li><li>skills you want to build and feedback you "
                        "want;</li><li>workload, role confusion or team "
                        "tensions;</li><li>successes, because learning what works is as important "
                        "as learning what didn't.</li></ul>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>Prepare briefly. Keep a running list through the week, but remember "
                        "Module 5: do not write details about people you support in a personal "
                        "notebook or phone. Use your agency's approved system, or a reminder that "
                        "identifies no one, such as “gift question” or “group conflict”. For each "
                        "item, be ready to say what happened, what you did, what you are unsure "
                        "about and what you need from your supervisor. Be open to feedback and "
                        "ask for it directly: <i>“What would you have done?”</i> or <i>“What am I "
                        "missing?”</i> Afterwards, follow through on what you agreed.</p>"
                    ),
                ),
                ("heading", "When to ask: don't wait for the scheduled session"),
                (
                    "paragraph",
                    (
                        "<p>Some things cannot wait. Contact your supervisor, or the on-call or "
                        "designated person if your supervisor is unavailable, <b>right away</b> "
                        "when:</p><ul><li>anyone may be at risk of serious harm: suicide, "
                        "overdose, violence or threats;</li><li>you suspect child, elder or "
                        "vulnerable adult abuse or neglect;</li><li>you receive a legal request, "
                        "such as a subpoena, or questions from police;</li><li>there may have "
                        "been a privacy breach, such as a lost phone or a message sent to the "
                        "wrong person;</li><li>you or a colleague may have crossed into a "
                        "boundary violation;</li><li>you discover a dual relationship, or are "
                        "offered a significant gift;</li><li>you made a mistake that could affect "
                        "someone's safety or services;</li><li>your own recovery is at risk in a "
                        "way that could affect your work.</li></ul><p>A good rule for everything "
                        "else: if you find yourself wondering whether to ask, ask. Supervisors "
                        "would much rather hear about a question early than about a problem "
                        "late.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>What if supervision is not happening, or is not helpful? Advocate for "
                        "yourself, professionally. Ask for a regular schedule and an agenda you "
                        "help set. If your supervisor is unfamiliar with the peer role, share "
                        "your code of ethics, your job description and practice guidelines for "
                        "peer supervision, and ask whether you can also join a peer community of "
                        "practice. Supervision hours often count toward certification and "
                        "renewal, so keep accurate records of dates, durations and topics, never "
                        "the details of people you discussed.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Supervision logs hold time, not stories",
                        "body": (
                            "<p>When you record supervision for certification, log the date, the "
                            "length of the session, whether it was individual or group, and the "
                            "domain covered, for example Ethical Responsibility. Do not record "
                            "names or details of the people you support. The same privacy rules "
                            "you follow in your notes apply to your supervision records.</p>"
                        ),
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "Saving it for Friday",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> On Monday, Ysolde, a peer specialist, "
                            "sees a text preview on her colleague Bram's personal phone from a "
                            "person they both support: “miss you, can't wait for tonight.” On "
                            "Tuesday, a person Ysolde supports gives her a watch “that my "
                            "grandfather wanted a good person to have.” On Wednesday, a person "
                            "tells her he is thinking about “just ending it” but laughs it off. "
                            "Ysolde decides to bring all three things to her monthly supervision "
                            "on Friday.</p>"
                        ),
                        "discussion_questions": [
                            (
                                "Which of these situations needs Ysolde to contact her supervisor "
                                "or follow a protocol immediately, and why?"
                            ),
                            (
                                "How could Ysolde raise her concern about Bram, and what makes "
                                "this difficult?"
                            ),
                            "What should Ysolde do about the watch today?",
                            (
                                "How would you prepare the remaining items for Friday's session "
                                "without writing identifying details in personal notes?"
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which situation can reasonably wait for your next scheduled "
                            "supervision session?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "A person you support tells you about a plan to hurt an "
                                    "ex-partner this weekend."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "You want feedback on how to run a more engaging recovery "
                                    "group."
                                ),
                                "correct": True,
                            },
                            {
                                "text": (
                                    "Your work phone, which has text messages with people you "
                                    "support, was stolen this morning."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "A person tells you their child is being left alone for days "
                                    "at a time."
                                ),
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Skill development is ideal material for scheduled supervision. "
                            "Threats of violence, a possible privacy breach and suspected child "
                            "neglect all need immediate contact with your supervisor and your "
                            "agency's procedures."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "What makes it hard for you to bring mistakes or uncomfortable "
                            "feelings to a supervisor? What would help you do it anyway?"
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "ethical-decision-making",
            "title": "An Ethical Decision-Making Model",
            "summary": (
                "An eight-step model for working through ethical dilemmas, applied to a fictional "
                "situation involving a return to use and probation."
            ),
            "estimated_minutes": 120,
            "body": [
                ("heading", "When the right thing isn't obvious"),
                (
                    "paragraph",
                    (
                        "<p>Most ethical questions in peer work have clear answers once you know "
                        "the code: do not date people you serve, do not share someone's "
                        "information without consent. An <b>ethical dilemma</b> is different. It "
                        "arises when two or more important values pull in different directions: "
                        "confidentiality and safety, self-determination and wellbeing, honesty "
                        "and loyalty. Every option has a cost. A dilemma is also different from a "
                        "temptation, where you know what is right but part of you wants to do "
                        "something else.</p><p>A decision-making model does not produce automatic "
                        "answers. What it does is slow you down, make your reasoning visible to "
                        "yourself and your supervisor, make sure you have checked the code and "
                        "the law, and leave a record that shows you acted thoughtfully. "
                        "Reasonable, ethical professionals sometimes reach different conclusions; "
                        "what matters is that your decision is careful, honest and defensible.</p>"
                    ),
                ),
                ("heading", "The eight steps"),
                (
                    "paragraph",
                    (
                        "<p>The model below moves from understanding the situation, through the "
                        "rules and the options, to action and learning:</p><ol><li><b>Identify "
                        "the problem.</b> What are the facts, and what are assumptions? Who is "
                        "affected? Which values or duties are in conflict? Is this an ethical, "
                        "legal, policy or practice question, or several at "
                        "once?</li><li><b>Consult the code and the law.</b> What do your code of "
                        "ethics, relevant laws such as HIPAA, 42 CFR Part 2 and state reporting "
                        "laws, and your agency's policies say?</li><li><b>Consider options and "
                        "consequences.</b> List at least three possible actions. For each, who "
                        "benefits, who could be harmed, and what happens in the short and long "
                        "term? Which option best respects the person's "
                        "self-determination?</li><li><b>Consult your supervisor.</b> Bring the "
                        "facts, the conflicting values, what the code and policy say, and your "
                        "options. Consultation is not a sign of weakness; most codes expect "
                        "it.</li><li><b>Decide.</b> Choose the option that best honors your "
                        "obligations. Test it: would you be comfortable if it were made public? "
                        "Would you make the same choice for anyone in the same situation? Is it "
                        "fair?</li><li><b>Act.</b> Carry out the decision, including being open "
                        "with the person about what you are doing and why, wherever that is "
                        "safe.</li><li><b>Document.</b> Record the relevant facts, the "
                        "consultation and the action taken, objectively and minimally, as your "
                        "agency requires.</li><li><b>Reflect.</b> Afterwards, ask what went well, "
                        "what you would do differently, and how the situation affected you. Bring "
                        "that reflection back to supervision.</li></ol>"
                    ),
                ),
                (
                    "case_scenario",
                    {
                        "title": "The weekend after the funeral",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> Lio is a peer specialist at an "
                            "outpatient treatment program covered by 42 CFR Part 2. Mercer, 41, "
                            "is on probation and attends the program as a condition of his "
                            "sentence. When he started, Mercer signed a consent allowing his "
                            "<b>counselor</b> to send his probation officer a monthly summary of "
                            "his attendance and general progress. Lio's agency requires peers to "
                            "document significant information related to a person's recovery and "
                            "safety in the shared record, which the counselor reads.</p><p>On a "
                            "walk after group, Mercer tells Lio that he used fentanyl twice over "
                            "the weekend, after his father's funeral. He is frightened. He has a "
                            "drug test with probation on Thursday. “Please don't put this in your "
                            "notes,” he says. “If my PO finds out, I'm going back inside, and "
                            "I'll lose everything.”</p>"
                        ),
                        "discussion_questions": [
                            "Before reading on, which values are in conflict for Lio?",
                            "What would you do, and why?",
                        ],
                    },
                ),
                ("heading", "Working through the dilemma"),
                (
                    "paragraph",
                    (
                        "<p><b>1. Identify the problem.</b> The facts: Mercer has returned to "
                        "using fentanyl after a period without use, which puts him at high risk "
                        "of overdose. He has asked Lio to leave it out of the record. Lio's "
                        "agency requires documentation of significant recovery and safety "
                        "information. Disclosures to probation are made by the counselor under a "
                        "specific consent. The values in conflict: Mercer's trust and "
                        "self-determination; honesty and accurate records; Mercer's safety; and "
                        "Mercer's liberty, since a probation violation could mean jail. Lio also "
                        "notices his own strong feelings: he was once on probation "
                        "himself.</p><p><b>2. Consult the code and the law.</b> Peer codes "
                        "require honesty and prohibit falsifying records; they also require "
                        "confidentiality and respect for self-determination. Part 2 means "
                        "information goes to probation only as the consent allows and through the "
                        "person designated to send it, so Lio has no role in contacting the "
                        "probation officer himself. Agency policy requires the documentation.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p><b>3. Consider options and consequences.</b></p><ul><li><i>Leave it "
                        "out of the note.</i> It protects Mercer's trust for now, but it "
                        "falsifies the record, hides an overdose risk from his team, violates "
                        "policy and the code, and could end Lio's career. If Mercer overdoses, "
                        "nobody on the team knew.</li><li><i>Document it and phone the probation "
                        "officer.</i> This goes beyond Lio's role and the consent, breaks "
                        "Mercer's trust, and treats a health problem as a matter for "
                        "enforcement.</li><li><i>Document objectively and minimally, be honest "
                        "with Mercer, and focus on safety and support.</i> Lio explains what he "
                        "has to record and who reads it, gives Mercer naloxone and overdose "
                        "prevention information, and offers to be with him when he talks to his "
                        "counselor about what happened and what support he needs, including how "
                        "to approach his probation officer.</li></ul><p><b>4. Consult the "
                        "supervisor.</b> Lio asks for a same-day consultation. His supervisor "
                        "agrees the third option fits the code, the law and policy, confirms that "
                        "any communication with probation stays with the counselor under the "
                        "consent, and checks in on how Lio is doing.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p><b>5. Decide</b> and <b>6. Act.</b> Lio tells Mercer honestly: <i>“I "
                        "can't leave it out of my notes; that wouldn't be honest and it wouldn't "
                        "keep you safe. What I can promise is that I'll write only what's needed, "
                        "I won't contact your PO, and I'll stand with you. Right now I'm most "
                        "worried about you overdosing. Can we get you a naloxone kit, and would "
                        "you like me to come with you to talk to your counselor?”</i> Mercer is "
                        "angry at first, then agrees. With Lio beside him, he tells his "
                        "counselor, who increases his support and talks with him about how to "
                        "raise it with his probation officer himself. The counselor's "
                        "communication with probation continues to follow the "
                        "consent.</p><p><b>7. Document.</b> Lio's note is brief and objective: "
                        "<i>“M. reported using opioids on two occasions over the weekend "
                        "following his father's funeral. Peer provided overdose prevention "
                        "information and a naloxone kit. At M.'s request, peer accompanied him to "
                        "meet with his counselor. Supervisor consulted.”</i> It contains no "
                        "speculation and nothing beyond what the team needs.</p><p><b>8. "
                        "Reflect.</b> In supervision the next week, Lio notices that his own "
                        "history with probation made the request feel personal. He also decides "
                        "to explain more clearly, at the start of every peer relationship, what "
                        "goes into notes and who reads them, so that no one is surprised in a "
                        "moment like this.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>Notice what the model did. It did not make the conflict disappear; "
                        "Mercer was still upset, and Lio still had to tell him something he did "
                        "not want to hear. But it kept Lio within his role, produced a decision "
                        "he could explain to anyone, kept the focus on Mercer's safety and "
                        "choices, and protected the trust that comes from honesty. If Mercer had "
                        "refused to talk to his counselor, Lio would still document as required "
                        "and stay in touch, and the team, not Lio alone, would decide what came "
                        "next.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Three quick tests",
                        "body": (
                            "<p>Before you act on a decision, try it against three "
                            "questions:</p><ul><li><b>Publicity:</b> would I be comfortable if "
                            "this decision were reported in the newspaper, or explained to my "
                            "certification board?</li><li><b>Universality:</b> would I recommend "
                            "the same action to any peer in the same "
                            "situation?</li><li><b>Justice:</b> would I treat any other person in "
                            "the same situation the same way?</li></ul>"
                        ),
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "In the eight-step model, what comes immediately after considering "
                            "options and consequences?"
                        ),
                        "options": [
                            {"text": "Documenting the decision.", "correct": False},
                            {"text": "Consulting your supervisor.", "correct": True},
                            {"text": "Identifying the problem.", "correct": False},
                            {"text": "Reflecting on the outcome.", "correct": False},
                        ],
                        "explanation": (
                            "The steps are: identify the problem, consult the code and the law, "
                            "consider options and consequences, consult your supervisor, decide, "
                            "act, document, and reflect. Consultation comes before the decision "
                            "so that your supervisor can help test your reasoning."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Think of an ethical dilemma you have faced, at work or in your own "
                            "recovery. Walk it through the eight steps. Would the model have "
                            "changed what you did?"
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "self-care-and-preventing-burnout",
            "title": "Self-Care and Preventing Burnout",
            "summary": (
                "Burnout, compassion fatigue and vicarious trauma in peer work, the warning "
                "signs, and how individuals and organizations sustain wellness."
            ),
            "estimated_minutes": 120,
            "body": [
                ("heading", "Self-care is an ethical responsibility"),
                (
                    "paragraph",
                    (
                        "<p>Peer codes of ethics ask you to look after your own wellness and "
                        "recovery, and for good reason. A peer who is exhausted, numb or "
                        "struggling cannot offer the presence that peer support depends on, and "
                        "may make poor decisions or drift across boundaries. Peer work can be "
                        "deeply healing: many peers describe it as part of their own recovery. It "
                        "can also be draining in ways that are particular to the role, because "
                        "you bring your own story into the room every day.</p><p>Self-care is not "
                        "a luxury or a reward. It is part of professional practice, and it is a "
                        "shared responsibility: you are responsible for noticing and acting on "
                        "your own warning signs, and organizations are responsible for workloads, "
                        "supervision and cultures that make sustained work possible.</p>"
                    ),
                ),
                ("heading", "Burnout, compassion fatigue and vicarious trauma"),
                (
                    "paragraph",
                    (
                        "<p>These terms overlap but are worth telling "
                        "apart:</p><ul><li><b>Burnout</b> is described by the World Health "
                        "Organization as an occupational phenomenon resulting from chronic "
                        "workplace stress that has not been successfully managed. It has three "
                        "dimensions: feelings of energy depletion or exhaustion; increased mental "
                        "distance from one's job, or feelings of negativism or cynicism about it; "
                        "and reduced professional efficacy.</li><li><b>Compassion fatigue</b> is "
                        "the emotional and physical cost of caring for people who are suffering. "
                        "It is often described as combining burnout with <b>secondary traumatic "
                        "stress</b>: reactions such as intrusive images, avoidance, jumpiness or "
                        "sleep problems that come from hearing about or witnessing other people's "
                        "trauma.</li><li><b>Vicarious trauma</b> is a gradual change in how you "
                        "see the world, yourself and other people, for example a growing sense "
                        "that no one is safe or that nothing helps, after long exposure to "
                        "others' trauma.</li></ul><p>The other side is <b>compassion "
                        "satisfaction</b>: the pleasure and meaning that come from doing this "
                        "work well. Tools such as the Professional Quality of Life scale measure "
                        "both sides, and it is worth noticing which way yours is moving.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>Peers face particular pressures: role confusion on teams that do not "
                        "understand peer work; being the only peer in an organization; stigma "
                        "from colleagues; low pay; grief when people you support die; stories "
                        "that mirror your own; pressure to be a perfect example of recovery; and "
                        "the overlap between your workplace and your recovery community, which "
                        "can mean you are never quite off duty.</p><p>Watch for warning signs in "
                        "yourself: exhaustion that sleep does not fix; dread before work; "
                        "cynicism (<i>“nobody here ever changes”</i>); irritability; feeling "
                        "numb; avoiding certain people; or the opposite, over-working and trying "
                        "to rescue everyone; withdrawing from friends; skipping your own recovery "
                        "supports; increased cravings or thoughts of using; and physical symptoms "
                        "such as headaches or frequent illness.</p>"
                    ),
                ),
                ("heading", "Building a sustainable practice"),
                (
                    "paragraph",
                    (
                        "<p>What works is different for everyone, but some practices help almost "
                        "everyone:</p><ul><li><b>Protect your recovery first.</b> Keep the "
                        "meetings, supports, medication, therapy or practices that keep you well, "
                        "even on busy weeks.</li><li><b>Hold boundaries on time.</b> Turn the "
                        "work phone off outside your hours unless you are on call, take your "
                        "breaks, and use your leave.</li><li><b>Build a transition ritual</b> "
                        "between work and home: a walk, music in the car, changing clothes, a few "
                        "minutes of breathing.</li><li><b>Look after your body:</b> sleep, food, "
                        "movement and medical care.</li><li><b>Keep connections and joy outside "
                        "work</b>, with people who know you as more than a peer "
                        "specialist.</li><li><b>Use supervision</b> for support as well as for "
                        "tasks, and use an employee assistance program or counseling when you "
                        "need it.</li><li><b>Write a wellness plan</b>, for example a Wellness "
                        "Recovery Action Plan (WRAP), that names your daily practices, your "
                        "triggers, your early warning signs and what you will do when you notice "
                        "them.</li></ul>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>Organizations matter as much as individuals. Reasonable caseloads, "
                        "regular supervision, debriefing after critical incidents, clear job "
                        "descriptions, fair pay, peer communities of practice and "
                        "recovery-friendly policies prevent burnout better than any individual "
                        "self-care routine. Speaking up for these, through the proper channels "
                        "and together with colleagues, is part of professional responsibility, "
                        "not complaining.</p><p>Finally, recovery is not always a straight line, "
                        "for peers as for anyone. If your recovery is at risk or you return to "
                        "use, it is not a moral failure. Ethically, you must not work while "
                        "impaired, so reach out to your own supports and talk to your supervisor. "
                        "Many agencies have leave and return-to-work policies, and certification "
                        "boards may have requirements you will need to follow. Honesty protects "
                        "the people you serve, your credential and, most of all, you.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "crisis",
                        "title": "If you are struggling",
                        "body": (
                            "<p>Peers are not immune to crisis. If you are having thoughts of "
                            "suicide or are in emotional distress, <b>call or text 988</b> or "
                            "chat at 988lifeline.org, any time. Veterans and service members can "
                            "call 988 and <b>press 1</b>. If your life or someone else's is in "
                            "immediate danger, <b>call 911</b>. Reaching out is what you would "
                            "encourage anyone you support to do.</p>"
                        ),
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "Always available",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> Calla has worked as a peer specialist "
                            "for two years and is known as the one who always picks up. She "
                            "answers texts from people she supports at midnight and on weekends. "
                            "In the last three months two people she supported died of overdoses. "
                            "She tells herself she is fine, but she has stopped going to her own "
                            "Wednesday meeting because she is “too tired”, she snaps at "
                            "coworkers, and she has started to think, <i>“What's the point? "
                            "Nobody gets better.”</i> Last night she caught herself thinking "
                            "about using for the first time in years.</p>"
                        ),
                        "discussion_questions": [
                            (
                                "Which signs of burnout, compassion fatigue and risk to her own "
                                "recovery do you see?"
                            ),
                            "What should Calla do this week, and who should she talk to?",
                            (
                                "Which of her work habits may feel caring but are unsustainable, "
                                "and what boundaries might help?"
                            ),
                            (
                                "What could her agency do differently after the deaths of people "
                                "its staff support?"
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "According to the World Health Organization, which set of features "
                            "describes burnout?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "Exhaustion; mental distance, negativism or cynicism about "
                                    "one's job; and reduced professional efficacy."
                                ),
                                "correct": True,
                            },
                            {
                                "text": (
                                    "A diagnosed mental illness caused by a single traumatic "
                                    "event at work."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "A temporary tiredness that is always cured by a weekend off."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "A sign that a person is not suited to helping professions."
                                ),
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "The WHO describes burnout as an occupational phenomenon resulting "
                            "from chronic workplace stress that has not been successfully "
                            "managed, with three dimensions: exhaustion, mental distance or "
                            "cynicism, and reduced professional efficacy. It is not classified as "
                            "a medical condition, and it is not a sign that someone does not "
                            "belong in the work."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Write a short personal wellness plan for your work as a peer: three "
                            "daily practices, your two earliest warning signs of burnout, and the "
                            "first two people you will contact when you notice them."
                        ),
                    },
                ),
            ],
        },
    ],
}
