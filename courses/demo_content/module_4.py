# PeerCert demo curriculum. Module 4: Crisis Support and Safety.
# Teaching content only: every person named in a case scenario is fictional.

MODULE = {
    "slug": "crisis-support-and-safety",
    "title": "Crisis Support and Safety",
    "intro": (
        "<p>Sooner or later, every peer recovery specialist is with someone on one of the worst "
        "days of their life. This module prepares you for those moments: how to notice the "
        "warning signs of suicide and overdose, how to respond to an opioid overdose, when to "
        "call or text <b>988</b> and when to call <b>911</b>, how to calm a tense situation, and "
        "how to hand someone over warmly to the next helper instead of handing them a phone "
        "number.</p><p>Throughout, keep the peer role in view. Peers <b>support and connect</b>: "
        "you notice, ask, stay, and link people to help. You do not assess risk clinically or "
        "diagnose. The module closes with the Stanley-Brown Safety Planning Intervention, which "
        "helps people use their own plan, and with what you need after a crisis: a debrief with "
        "your supervisor and real care for your own recovery.</p>"
    ),
    "contact_hours": "8.0",
    "domain_hours": {
        "Recovery/Wellness Support": "5.0",
        "Advocacy": "2.0",
        "Ethical Responsibility": "1.0",
    },
    "competencies": [2, 6, 8, 11],
    "objectives": [
        (
            "Identify the warning signs of suicide and of opioid overdose, and the situations in "
            "which overdose risk rises."
        ),
        (
            "Distinguish situations that call for 988 (call, text or chat) from those that call "
            "for 911, and describe how to make a warm hand-off rather than a cold referral."
        ),
        (
            "List in order the five steps of SAMHSA's opioid overdose response, including how to "
            "give naloxone nasal spray and when to give another dose."
        ),
        (
            "Demonstrate at least four de-escalation techniques that lower tension while "
            "respecting the person's choices."
        ),
        (
            "Name the six steps of the Stanley-Brown Safety Planning Intervention in order and "
            "explain how a peer supports someone to use their own plan."
        ),
        (
            "Explain the limits of the peer role in a crisis and describe how to debrief with a "
            "supervisor and care for yourself afterwards."
        ),
    ],
    "lessons": [
        {
            "slug": "recognizing-warning-signs",
            "title": "Recognizing Warning Signs",
            "summary": (
                "The warning signs of suicide and overdose, when risk rises for people in "
                "recovery, and what a peer does on noticing them."
            ),
            "estimated_minutes": 120,
            "body": [
                ("heading", "Why crisis skills belong in peer work"),
                (
                    "paragraph",
                    (
                        "<p>Substance use and suicide are closely linked. Alcohol and drug use "
                        "are among the risk factors most consistently associated with suicide, "
                        "and many overdoses happen in a gray zone where nobody, sometimes not "
                        "even the person, can say whether the intent was to die. In the United "
                        "States more than 100,000 people died of drug overdoses in each of 2021, "
                        "2022 and 2023, most of them involving illicitly made fentanyl, and "
                        "nearly 50,000 people died by suicide in 2022. Provisional overdose "
                        "figures for 2024 show a welcome fall, but tens of thousands of families "
                        "are still losing someone every year.</p><p>Peers are often the people "
                        "who see someone most often, in the least formal settings: in the drop-in "
                        "center, at the bus stop, by text late in the afternoon. That makes you "
                        "well placed to notice when something changes. It does not make you a "
                        "clinician. This lesson is about <b>noticing</b>, <b>asking</b> and "
                        "<b>connecting</b>.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>It helps to separate two ideas. <b>Risk factors</b> are longer-term "
                        "conditions that make suicide or overdose more likely across a group of "
                        "people: a history of trauma, chronic pain, previous attempts, isolation, "
                        "access to firearms, a substance use disorder. <b>Warning signs</b> are "
                        "changes you can see or hear now, in this person, that suggest they may "
                        "be in danger soon. Risk factors help us understand who deserves extra "
                        "care. Warning signs are the signal to act today.</p>"
                    ),
                ),
                ("heading", "Warning signs of suicide"),
                (
                    "paragraph",
                    (
                        "<p>The 988 Suicide and Crisis Lifeline lists warning signs that anyone "
                        "can learn. Take them more seriously when they are new, have increased, "
                        "or seem linked to a painful event, loss or change. A person may be at "
                        "risk if they are:</p><ul><li>talking about wanting to die or to kill "
                        "themselves;</li><li>looking for a way to kill themselves, such as "
                        "searching online, stockpiling medication or obtaining a "
                        "gun;</li><li>talking about feeling empty, hopeless, or having no reason "
                        "to live;</li><li>talking about feeling trapped or in unbearable "
                        "pain;</li><li>talking about being a burden to others;</li><li>using "
                        "alcohol or drugs more often;</li><li>acting anxious or agitated, or "
                        "behaving recklessly;</li><li>sleeping too little or too "
                        "much;</li><li>withdrawing from family and friends, or feeling "
                        "isolated;</li><li>showing rage or talking about seeking "
                        "revenge;</li><li>showing extreme mood swings;</li><li>saying goodbye, "
                        "giving away important possessions or putting affairs in order.</li></ul>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>The first three on that list, talk of wanting to die, looking for a "
                        "method, and hopelessness, call for action the same day. In recovery "
                        "settings, watch especially for moments of loss and shame: a return to "
                        "use after a long stretch of abstinence, losing a job, housing, a "
                        "relationship or custody of a child, leaving treatment early, a court "
                        "date, an anniversary of a death. A person may also seem suddenly calm or "
                        "relieved after a period of distress. That can mean things are improving, "
                        "but it can also mean someone has made a decision. Stay curious rather "
                        "than reassured.</p>"
                    ),
                ),
                ("heading", "When overdose risk rises"),
                (
                    "paragraph",
                    (
                        "<p>Many overdose deaths happen at predictable moments. Risk rises "
                        "sharply when:</p><ul><li><b>tolerance has dropped</b>: after release "
                        "from jail or prison, after detox, residential treatment or a hospital "
                        "stay, or after any period without use. A dose the person once managed "
                        "can now stop their breathing. The first weeks after release from prison "
                        "carry a risk of overdose death many times higher than in the general "
                        "population;</li><li><b>substances are mixed</b>: opioids with "
                        "benzodiazepines, alcohol, other sedatives or xylazine, all of which slow "
                        "breathing;</li><li><b>the supply is unknown</b>: fentanyl turns up in "
                        "counterfeit pills and in stimulants, so people who do not use opioids "
                        "can still overdose on them;</li><li><b>someone uses alone</b>, with "
                        "nobody there to call for help or give naloxone;</li><li><b>treatment "
                        "stops abruptly</b>, including an unplanned stop of medication for opioid "
                        "use disorder.</li></ul>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>The signs that an opioid overdose is happening now are different from "
                        "warning signs of risk. SAMHSA lists: very small, pinpoint pupils; "
                        "falling asleep or losing consciousness; slow, shallow or stopped "
                        "breathing; choking, gurgling or snoring sounds; a limp body; pale, blue "
                        "or cold skin, with blue or purple lips and fingernails (on darker skin, "
                        "look for gray or ashen lips and nail beds); and no response to your "
                        "voice or to a firm rub on the breastbone. A stimulant overdose can look "
                        "different: overheating, chest pain, a racing heart, seizures, severe "
                        "agitation or paranoia. Any of these is a medical emergency, and Lesson 2 "
                        "walks through exactly what to do.</p>"
                    ),
                ),
                ("heading", "Your role: notice, ask, stay, connect"),
                (
                    "paragraph",
                    (
                        "<p>Peers do not conduct clinical suicide risk assessments, assign risk "
                        "levels or diagnose. Some agencies train all staff, including peers, to "
                        "ask a short set of screening questions; if yours does, follow that "
                        "protocol exactly and pass the answers to the clinician or crisis service "
                        "named in it. What every peer does is simpler and just as important: "
                        "notice the change, ask about it directly, listen without judgment, stay "
                        "with the person, and connect them to help that fits the "
                        "situation.</p><p>Ask plainly: <i>“Sometimes when people are going "
                        "through what you're going through, they think about suicide. Are you "
                        "thinking about killing yourself?”</i> Research has found that asking "
                        "directly does not put the idea in someone's head; many people feel "
                        "relief that someone finally asked. Avoid questions that invite a “no”, "
                        "such as <i>“You're not thinking of doing anything stupid, are you?”</i> "
                        "If the answer is yes, thank them for telling you, stay calm, do not "
                        "leave them alone if they are in danger, and bring in help, as Lesson 3 "
                        "describes.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>What this looks like in peer work: you notice that a person who "
                        "usually talks about their kids has not mentioned them for two weeks and "
                        "has stopped coming to the Tuesday group. Instead of waiting, you say, "
                        "<i>“I've missed you on Tuesdays and I noticed you haven't talked about "
                        "the kids. What's been going on?”</i> You listen, you reflect what you "
                        "hear, and if warning signs show up you ask the suicide question. Your "
                        "lived experience can help here. Saying <i>“There was a time I didn't "
                        "want to be alive either, and talking to someone helped”</i> can make it "
                        "safe to answer honestly, as long as you keep the focus on them.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "caution",
                        "title": "Never promise to keep it secret",
                        "body": (
                            "<p>Tell people at the start of your working relationship what you "
                            "can and cannot keep private. If someone says <i>“I'll tell you "
                            "something if you promise not to tell anyone,”</i> do not agree in "
                            "advance. Say, <i>“I want to hear it. I can't promise secrecy if your "
                            "life or someone else's is in danger, but I promise I'll be honest "
                            "with you about what I do.”</i> Then follow your agency's crisis "
                            "protocol and tell your supervisor.</p>"
                        ),
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "Dovan's guitar",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> Dovan, 34, has eight months in "
                            "recovery and has been coming to the recovery community center three "
                            "times a week. Last month he was laid off. Today he arrives with his "
                            "guitar and asks Rilla, the peer specialist, to give it to the music "
                            "group: “I won't be needing it.” Over coffee he says his sister would "
                            "be better off without having to worry about him, and that he has "
                            "been sleeping most of the day. He laughs it off when Rilla looks "
                            "concerned: “I'm fine, just tired.”</p>"
                        ),
                        "discussion_questions": [
                            (
                                "Which warning signs of suicide can you identify in what Dovan "
                                "says and does?"
                            ),
                            (
                                "What exact words could Rilla use to ask Dovan directly about "
                                "suicide?"
                            ),
                            (
                                "If Dovan says he has been thinking about ending his life, what "
                                "are Rilla's next steps under a typical agency protocol, and what "
                                "is outside her role?"
                            ),
                            (
                                "How might Dovan's job loss and recent sleep changes also affect "
                                "his risk of returning to use?"
                            ),
                        ],
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "crisis",
                        "title": "If someone is in danger right now",
                        "body": (
                            "<p>If a person's life is in immediate danger, for example they have "
                            "taken an overdose, have a weapon, or are not breathing, <b>call "
                            "911</b>. For suicidal thoughts, emotional distress or a substance "
                            "use crisis, <b>call or text 988</b> or chat through 988lifeline.org "
                            "with the 988 Suicide and Crisis Lifeline, free and available 24 "
                            "hours a day. Veterans, service members and their families can call "
                            "988 and <b>press 1</b> for the Veterans Crisis Line. This course is "
                            "training, not a crisis service.</p>"
                        ),
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A person you support says, “Everyone would be better off if I wasn't "
                            "around.” What is the most appropriate first response from a peer "
                            "specialist?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "Reassure them that their family loves them and change the "
                                    "subject to something more positive."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Ask them directly whether they are thinking about killing "
                                    "themselves, and listen to the answer."
                                ),
                                "correct": True,
                            },
                            {
                                "text": (
                                    "Complete a clinical risk assessment and assign a risk level "
                                    "in their record."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Wait until your next scheduled meeting to see whether the "
                                    "comment is repeated."
                                ),
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Talking about being a burden is a recognized warning sign. Asking "
                            "directly about suicide does not increase risk and opens the door to "
                            "getting help. Reassurance that changes the subject shuts the "
                            "conversation down, waiting loses valuable time, and clinical risk "
                            "assessment is outside the peer role."
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "responding-to-an-overdose",
            "title": "Responding to an Opioid Overdose",
            "summary": (
                "SAMHSA's overdose response steps, how to give naloxone, what to do afterwards, "
                "and how peers advocate for overdose prevention."
            ),
            "estimated_minutes": 120,
            "body": [
                ("heading", "The response steps"),
                (
                    "paragraph",
                    (
                        "<p>SAMHSA's <i>Overdose Prevention and Response Toolkit</i> sets out a "
                        "sequence that anyone can learn. Your agency will train you on its own "
                        "procedures and equipment, and you should practice with a training device "
                        "until the steps feel automatic. In real life some steps happen at the "
                        "same time, for example you may put the phone on speaker while you give "
                        "naloxone, but the order below is what you should have in your "
                        "head:</p><ol><li><b>Call 911</b> for help.</li><li><b>Check for "
                        "signs</b> of opioid overdose.</li><li><b>Support the person's "
                        "breathing.</b></li><li><b>Administer naloxone.</b></li><li><b>Stay and "
                        "monitor</b> the person's response, using the recovery position if they "
                        "are breathing but not fully awake.</li></ol>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p><b>1. Call 911.</b> Give the exact location first: the street "
                        "address, floor, room, or a landmark. You do not have to mention drugs. "
                        "SAMHSA suggests saying simply, <i>“Someone is unresponsive and not "
                        "breathing.”</i> Put the phone on speaker so your hands are free and "
                        "follow the dispatcher's instructions. If another person is present, send "
                        "them to call and to bring the naloxone kit and any defibrillator while "
                        "you stay with the person.</p><p><b>2. Check for signs.</b> Shout the "
                        "person's name and say that you are going to help. If there is no "
                        "response, rub your knuckles firmly up and down the breastbone. Look for "
                        "the signs from Lesson 1: pinpoint pupils, slow or absent breathing, "
                        "gurgling or snoring sounds, blue or gray lips and fingertips, a limp "
                        "body. If you are unsure whether opioids are involved, give naloxone "
                        "anyway. It will not harm someone who has not taken opioids.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p><b>3. Support breathing.</b> Opioids kill by stopping breathing, so "
                        "oxygen is the priority. If you are trained in rescue breathing, lay the "
                        "person on their back, tilt the head back and lift the chin, check that "
                        "nothing is blocking the mouth, pinch the nose and give one breath every "
                        "five seconds, watching for the chest to rise. If you are trained in CPR "
                        "and the person has no pulse or is not breathing normally, follow your "
                        "CPR training and the dispatcher's instructions. Many agencies keep a "
                        "face shield in the naloxone kit.</p><p><b>4. Administer naloxone.</b> "
                        "Naloxone nasal spray has been available over the counter since 2023. "
                        "Peel back the package, hold the device with your thumb on the plunger, "
                        "insert the nozzle fully into one nostril and press the plunger firmly. "
                        "Naloxone usually works within two to three minutes. <b>If the person has "
                        "not responded after two to three minutes, give another dose in the other "
                        "nostril with a new device</b> and keep supporting their breathing in "
                        "between. Strong opioids such as fentanyl may need more than one dose. "
                        "Naloxone is also made as an injection and in higher-strength sprays; use "
                        "what you have been trained on.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p><b>5. Stay and monitor.</b> Stay with the person until emergency "
                        "responders take over. If they are breathing but not fully awake, put "
                        "them in the <b>recovery position</b>: on their side, top knee bent to "
                        "stop them rolling forward, top hand under the cheek to support the head, "
                        "so that they will not choke if they vomit. Naloxone wears off in roughly "
                        "30 to 90 minutes, while many opioids last longer, so breathing can slow "
                        "again after the person seems fine. That is why medical follow-up "
                        "matters, and why you should not leave someone alone even if they wake "
                        "up.</p><p>People who wake up after naloxone may be in sudden withdrawal: "
                        "sick, shivering, sweating, scared or angry. They may not remember what "
                        "happened. Speak calmly, tell them where they are and what happened, and "
                        "explain that using more to relieve the withdrawal is dangerous while "
                        "naloxone is wearing off. Naloxone does not reverse alcohol, "
                        "benzodiazepines, stimulants or xylazine, which is another reason to keep "
                        "supporting breathing and let paramedics take over.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Good Samaritan laws vary by state",
                        "body": (
                            "<p>Most states and the District of Columbia have overdose Good "
                            "Samaritan laws that give some legal protection to people who call "
                            "for help at an overdose, and most also protect people who give "
                            "naloxone in good faith. What is covered varies a great deal: some "
                            "laws protect only against charges for possessing small amounts of "
                            "drugs, and many do not cover outstanding warrants or probation and "
                            "parole violations. Learn the law in your state and your agency's "
                            "policy so that you can explain it accurately. Fear of police is one "
                            "of the most common reasons people hesitate to call 911, and accurate "
                            "information saves lives.</p>"
                        ),
                    },
                ),
                ("heading", "After the emergency: connection, not a lecture"),
                (
                    "paragraph",
                    (
                        "<p>An overdose is frightening for everyone present. For the person who "
                        "survived it, the hours and days afterwards can be a window of openness, "
                        "or a time of deep shame. Peers have a special role here. Many hospital "
                        "emergency departments now work with peer recovery specialists because "
                        "someone who has been there can say, <i>“I'm glad you're alive. I've been "
                        "where you are. Can I tell you about some options?”</i> without it "
                        "sounding like a warning. Offer choices: medication for opioid use "
                        "disorder, harm reduction supplies, a recovery community, a follow-up "
                        "call tomorrow. Respect the person's answer, including “not today”, and "
                        "make sure they leave with naloxone.</p>"
                    ),
                ),
                ("heading", "Advocacy: naloxone in every hand"),
                (
                    "paragraph",
                    (
                        "<p>Overdose prevention is also an advocacy issue, and peers are credible "
                        "advocates. What this looks like in peer work:</p><ul><li>making sure "
                        "people leaving jail, detox, residential treatment or the emergency "
                        "department go with naloxone and know how to use it;</li><li>teaching "
                        "families and friends the response steps, because the person most likely "
                        "to reverse an overdose is the person nearby;</li><li>sharing accurate "
                        "information about not using alone, about testing drugs where that is "
                        "legal, and about starting low and going slow after a break in "
                        "use;</li><li>speaking up, with your agency's support, for naloxone in "
                        "public places, for harm reduction services and for medication for opioid "
                        "use disorder, and against policies that shame or exclude people who use "
                        "drugs;</li><li>telling your own story, when you choose to, to change how "
                        "your community sees people who use drugs.</li></ul><p>Harm reduction "
                        "meets people where they are. Keeping someone alive today keeps the door "
                        "to recovery open tomorrow.</p>"
                    ),
                ),
                (
                    "case_scenario",
                    {
                        "title": "In the parking lot",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> At 8:15 a.m., Jessamyn, a peer "
                            "specialist, is walking into the recovery center when she sees Tobin "
                            "slumped in the driver's seat of a parked car. His lips look gray and "
                            "he is making a slow snoring sound. She knocks on the window and "
                            "calls his name; he does not respond. The door is unlocked. A "
                            "coworker, Paz, is a few steps behind her carrying the center's keys. "
                            "Jessamyn knows Tobin left a residential program last week.</p>"
                        ),
                        "discussion_questions": [
                            (
                                "List, in order, what Jessamyn and Paz should do in the next "
                                "three minutes. Who should do what?"
                            ),
                            "What about Tobin's recent history raises his risk of overdose?",
                            (
                                "Tobin wakes after a second dose of naloxone, vomits, and says he "
                                "is leaving before the ambulance arrives. What can Jessamyn say "
                                "and do?"
                            ),
                            (
                                "What should Jessamyn do after the ambulance has left, for Tobin, "
                                "for the record and for herself?"
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "You called 911 and gave one dose of naloxone nasal spray to someone "
                            "who is unresponsive and barely breathing. Three minutes later there "
                            "is still no response. What should you do next?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "Wait another ten minutes, because naloxone can take a long "
                                    "time to work."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Give a second dose in the other nostril with a new device, "
                                    "and keep supporting the person's breathing."
                                ),
                                "correct": True,
                            },
                            {
                                "text": (
                                    "Stop, because a lack of response means opioids are not "
                                    "involved."
                                ),
                                "correct": False,
                            },
                            {
                                "text": "Leave to find a clinician who can decide what to do.",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "If there is no response after two to three minutes, give another "
                            "dose in the other nostril and keep supporting breathing until "
                            "emergency responders arrive. Fentanyl and other strong opioids can "
                            "need more than one dose. Never leave the person alone."
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "de-escalation-988-and-warm-hand-offs",
            "title": "De-escalation, 988 and Warm Hand-offs",
            "summary": (
                "Choosing between 988 and 911, calming a tense situation, and connecting someone "
                "to the next helper with a warm hand-off."
            ),
            "estimated_minutes": 120,
            "body": [
                ("heading", "Two numbers, two purposes"),
                (
                    "paragraph",
                    (
                        "<p><b>988</b> is the three-digit number of the 988 Suicide and Crisis "
                        "Lifeline, in service across the United States since July 2022. People "
                        "can <b>call or text 988</b>, or chat through 988lifeline.org, 24 hours a "
                        "day, free of charge. Trained crisis counselors answer. 988 is for anyone "
                        "having thoughts of suicide, emotional distress or a mental health or "
                        "substance use crisis, and also for people who are worried about someone "
                        "else, including you, when you want advice about how to help. Veterans, "
                        "service members and their families can <b>press 1</b> to reach the "
                        "Veterans Crisis Line, and Spanish speakers can press 2.</p><p><b>911</b> "
                        "is for <b>immediate danger to life</b>: an overdose, someone who has "
                        "already taken steps to harm themselves, someone who has a weapon and "
                        "intends to use it, violence, or any medical emergency. If you are not "
                        "sure whether a situation is immediately life-threatening, treat it as if "
                        "it is.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>Most contacts with 988 are resolved by talking with the counselor. "
                        "Where a person is at imminent risk and the risk cannot be reduced in the "
                        "conversation, the counselor can work with local emergency services, and "
                        "in many areas 988 can also connect people to a mobile crisis team or a "
                        "crisis stabilization center. SAMHSA describes the core of a good crisis "
                        "system as <i>someone to talk to, someone to respond, and a place to "
                        "go</i>. Learn what exists in your area before you need it: is there a "
                        "mobile crisis team, a crisis receiving center, a walk-in clinic? Write "
                        "it down and keep it with your work phone.</p>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>What this looks like in peer work: a person tells you they have been "
                        "thinking about ending their life but they have no plan today and want to "
                        "talk. With their agreement, you might call 988 together on speaker in a "
                        "quiet room, introduce yourself and the person, and stay while they talk. "
                        "If the person has just told you they swallowed a bottle of pills an hour "
                        "ago, that is a 911 call, right now, and you stay with them until "
                        "responders arrive. Your agency's crisis protocol will also tell you "
                        "which supervisor or clinician to alert and when; follow it every "
                        "time.</p>"
                    ),
                ),
                ("heading", "Advocacy in crisis systems"),
                (
                    "paragraph",
                    (
                        "<p>Many people you support have had frightening experiences of crisis "
                        "care: handcuffs, long waits in emergency departments, being treated as a "
                        "drug-seeker. Peers can advocate, with the person's permission and within "
                        "agency policy, for a response that respects their dignity. That can mean "
                        "telling the 911 dispatcher that this is a mental health crisis and "
                        "asking whether a crisis intervention team or mobile crisis team is "
                        "available; sharing the person's own stated preferences, for example a "
                        "psychiatric advance directive or the hospital they prefer; making sure "
                        "their medication for opioid use disorder is known so that it is not "
                        "interrupted; and, afterwards, feeding back through the right channels "
                        "when a system failed someone. You speak up <i>with</i> the person, not "
                        "over them.</p>"
                    ),
                ),
                ("heading", "De-escalation: lowering the temperature"),
                (
                    "paragraph",
                    (
                        "<p>People in crisis are often flooded with fear, anger or shame, and the "
                        "thinking part of the brain goes offline. De-escalation helps a person "
                        "feel safe enough to think again. The core techniques "
                        "are:</p><ul><li><b>Safety first.</b> Keep a clear path to the door for "
                        "both of you, do not block the person in, and move other people away if "
                        "needed.</li><li><b>Give space.</b> Stand or sit at an angle, at least an "
                        "arm's length or two away. Do not touch without "
                        "permission.</li><li><b>Use a calm voice.</b> Speak low, slow and "
                        "quietly, in short sentences. One person talks at a "
                        "time.</li><li><b>Listen and validate.</b> Reflect the feeling: "
                        "<i>“You're furious that they cancelled your appointment again.”</i> "
                        "Validating the feeling does not mean agreeing with every "
                        "action.</li><li><b>Offer choices.</b> <i>“Would you rather sit down here "
                        "or walk outside with me?”</i> Choices give back a sense of control, "
                        "which is often exactly what the person has lost.</li><li><b>Avoid power "
                        "struggles.</b> Do not argue, threaten, lecture or say “calm down”. Do "
                        "not make promises you cannot keep.</li></ul>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>De-escalation is not about winning. If the person becomes more "
                        "agitated, or if there is a weapon or a threat of violence, your job is "
                        "to get yourself and others safe, leave, and call for help: your "
                        "supervisor, security, or 911 for immediate danger. Afterwards, tell your "
                        "supervisor even if everything ended well. They need to know, and you "
                        "deserve the chance to talk it through.</p>"
                    ),
                ),
                ("heading", "Warm hand-offs versus cold referrals"),
                (
                    "paragraph",
                    (
                        "<p>A <b>cold referral</b> is a phone number on a sticky note or a "
                        "pamphlet and “give them a call.” A person in crisis, exhausted and "
                        "ashamed, often never makes that call. A <b>warm hand-off</b> is a "
                        "personal connection. With the person's consent, you stay with them, make "
                        "the call or the walk together, introduce them by name to the next "
                        "helper, share what they want shared, and stay until the connection is "
                        "made. Then you follow up. Warm hand-offs are a core part of how peers "
                        "link people to resources, and research on peer programs in emergency "
                        "departments and after overdose suggests that personal connection "
                        "improves the chance that people actually engage with the next "
                        "service.</p><p>A warm hand-off might sound like: <i>“Would it help if we "
                        "called together? I'll stay right here.”</i> Then, to the crisis "
                        "counselor or intake worker: <i>“Hi, my name is Brisa, I'm a peer "
                        "specialist at the center. I'm here with Kellan, who has agreed to talk "
                        "with you. Kellan, do you want to tell them what's been happening, or "
                        "would you like me to start?”</i> Afterwards: <i>“Can I call you tomorrow "
                        "to see how it went?”</i></p>"
                    ),
                ),
                (
                    "case_scenario",
                    {
                        "title": "The text at 4:45",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> Brisa, a peer specialist, is about to "
                            "leave work when a text arrives on her agency phone from Kellan, whom "
                            "she has supported for three months: “Thanks for everything. I can't "
                            "do this anymore. Tell my daughter I'm sorry.” Brisa's agency policy "
                            "says staff respond to crisis messages during work hours and that "
                            "after-hours messages go to the on-call clinician. Her supervisor is "
                            "still in the building.</p>"
                        ),
                        "discussion_questions": [
                            (
                                "Is this a situation for 988, 911, or both? What information "
                                "would help Brisa decide?"
                            ),
                            "What should Brisa text or say to Kellan right now?",
                            (
                                "How could Brisa make a warm hand-off rather than a cold referral "
                                "in this situation?"
                            ),
                            "What should Brisa tell her supervisor, and when?",
                        ],
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "crisis",
                        "title": "988 and 911 at a glance",
                        "body": (
                            "<p><b>Call 911</b> when there is immediate danger to life: an "
                            "overdose, a suicide attempt in progress, a weapon, violence or a "
                            "medical emergency. <b>Call or text 988</b>, or chat at "
                            "988lifeline.org, for suicidal thoughts, emotional distress or a "
                            "substance use crisis, or for advice when you are worried about "
                            "someone. Veterans and service members: call 988 and <b>press 1</b>. "
                            "Whichever number you use, stay with the person if you can do so "
                            "safely.</p>"
                        ),
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which of these is a warm hand-off?",
                        "options": [
                            {
                                "text": (
                                    "Giving the person a printed list of crisis lines and "
                                    "encouraging them to call one tonight."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "With the person's consent, calling the crisis line together, "
                                    "introducing them by name, staying until they are connected, "
                                    "and following up the next day."
                                ),
                                "correct": True,
                            },
                            {
                                "text": (
                                    "Emailing the person's details to another agency and telling "
                                    "the person to expect a call."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Telling the person to come back when they are ready to "
                                    "accept help."
                                ),
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "A warm hand-off is a personal connection: the peer stays with the "
                            "person, introduces them to the next helper, shares what the person "
                            "wants shared, and follows up. Handing over a number or list is a "
                            "cold referral, and sending someone's details without their consent "
                            "raises confidentiality problems too."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Think of a time when someone passed you on to another service "
                            "without a personal connection. How did it feel? What one thing will "
                            "you do differently when you make a hand-off?"
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "safety-planning-and-care-after-a-crisis",
            "title": "Safety Planning and Care After a Crisis",
            "summary": (
                "The six steps of the Stanley-Brown Safety Planning Intervention, how peers help "
                "people use their own plan, and debriefing and self-care afterwards."
            ),
            "estimated_minutes": 120,
            "body": [
                ("heading", "What a safety plan is"),
                (
                    "paragraph",
                    (
                        "<p>The <b>Stanley-Brown Safety Planning Intervention</b>, developed by "
                        "psychologists Barbara Stanley and Gregory K. Brown, is a brief "
                        "intervention that helps a person prepare, ahead of time, a written and "
                        "prioritized list of things to do and people to contact if suicidal "
                        "thoughts return. It is built on a simple idea: suicidal crises often "
                        "rise and fall, and a person who has a plan in their own words can ride "
                        "out the peak. In a large study in Veterans Affairs emergency "
                        "departments, safety planning combined with follow-up phone calls was "
                        "associated with about 45 percent fewer suicidal behaviors over the "
                        "following six months and with roughly double the odds of the person "
                        "attending outpatient mental health care.</p><p>A safety plan is "
                        "<i>not</i> a “no-suicide contract”. Asking someone to promise not to "
                        "kill themselves has no good evidence behind it and can stop people from "
                        "being honest. A safety plan is a tool the person owns and uses.</p>"
                    ),
                ),
                ("heading", "The six steps, in order"),
                (
                    "paragraph",
                    (
                        "<p>The steps move from what the person can do alone, to people around "
                        "them, to professionals, and finally to making the surroundings "
                        "safer:</p><ol><li><b>Warning signs</b>: the thoughts, images, moods, "
                        "situations and behaviors that tell this person a crisis may be "
                        "developing. (<i>“When I stop answering my phone and start sleeping all "
                        "day.”</i>)</li><li><b>Internal coping strategies</b>: things the person "
                        "can do on their own, without contacting anyone, to take their mind off "
                        "their problems. (<i>“Walk the dog. Play guitar. Take a hot "
                        "shower.”</i>)</li><li><b>People and social settings that provide "
                        "distraction</b>: places and people that help the person feel better "
                        "without needing to talk about the crisis. (<i>“The coffee shop on Main "
                        "Street. My cousin. The Saturday recovery "
                        "meeting.”</i>)</li><li><b>People whom I can ask for help</b>: family "
                        "members or friends the person can tell that they are in "
                        "crisis.</li><li><b>Professionals or agencies I can contact during a "
                        "crisis</b>: a clinician, the local crisis team, the nearest emergency "
                        "department, and the <b>988</b> Suicide and Crisis Lifeline, with numbers "
                        "written in.</li><li><b>Making the environment safer</b>: reducing access "
                        "to lethal means, such as firearms and stockpiled medications.</li></ol>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>In many programs a clinician or trained crisis worker completes the "
                        "safety plan with the person. Some agencies train peers to help develop "
                        "plans, too; follow your agency's role description. In every setting, the "
                        "peer's distinctive job is to help the person <b>know, practice and use "
                        "their own plan</b>. What this looks like in peer "
                        "work:</p><ul><li>Asking, <i>“Do you have a safety plan? Would you like "
                        "to go over it together?”</i> and reading it in the person's own words, "
                        "not rewriting it in yours.</li><li>Helping the person keep the plan "
                        "where they will see it in a bad moment: a photo on their phone, a card "
                        "in their wallet, a note on the fridge.</li><li>Checking that the numbers "
                        "in step 5 still work and that the people in step 4 have agreed to be "
                        "there.</li><li>Practicing step 2 and step 3 together, for example taking "
                        "the walk or going to the coffee shop, so the strategies feel "
                        "real.</li><li>Noticing when a step is not working and encouraging the "
                        "person to revise the plan with their clinician.</li></ul>"
                    ),
                ),
                (
                    "paragraph",
                    (
                        "<p>Step 6 deserves care. Suicidal crises are often brief, and putting "
                        "time and distance between a person and a lethal method saves lives. The "
                        "person might ask a trusted friend to hold a firearm temporarily, lock it "
                        "away with the key kept by someone else, or use a storage option that "
                        "their state's law allows. They might ask a pharmacist about disposing of "
                        "old medications, or ask a family member to hold and dispense a "
                        "medication. For people who use drugs, making the environment safer can "
                        "also include keeping naloxone at home, not using alone, and letting "
                        "someone know their plan for the day. These conversations are the "
                        "person's choices; your role is to support the decisions they make with "
                        "their care team, not to take charge of their belongings.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "The plan belongs to the person",
                        "body": (
                            "<p>Use the person's words, not clinical language. If they write "
                            "“text my sister Jo”, leave it that way. A plan the person helped "
                            "write and believes in is far more likely to be used than a perfect "
                            "plan that sounds like a form. Encourage the person to share the plan "
                            "with the people listed in it, if they choose to.</p>"
                        ),
                    },
                ),
                ("heading", "After the crisis: the person"),
                (
                    "paragraph",
                    (
                        "<p>The days and weeks after a crisis, especially after discharge from an "
                        "emergency department or hospital, are a period of high risk. Brief, "
                        "caring contacts, a call, a text or a card saying <i>“I was thinking of "
                        "you, I'm here when you want to talk”</i>, are recommended by suicide "
                        "prevention experts and have research support. Follow up as your agency "
                        "allows, help the person get to the appointments they agreed to, and "
                        "check whether their plan needs updating. Document what happened "
                        "factually and promptly, following your agency's policy; Module 5 covers "
                        "documentation in detail.</p>"
                    ),
                ),
                ("heading", "After the crisis: you"),
                (
                    "paragraph",
                    (
                        "<p>Responding to a crisis takes a toll. It is common to feel shaky or "
                        "wired for hours, to replay the event, to sleep badly, or to feel guilt "
                        "even when you did everything right. If you reversed an overdose, it may "
                        "bring back memories of your own use or of people you have lost. None of "
                        "this means you are not cut out for the work; it means you are "
                        "human.</p><p><b>Debrief with your supervisor</b>, ideally the same day. "
                        "Bring the facts (what happened, what you did, who was notified), "
                        "anything you were unsure about, and how you are doing. A good debrief is "
                        "not about blame; it is about learning, making sure reports are "
                        "completed, and making sure you are all right. Then look after yourself "
                        "deliberately: use your own recovery supports, move your body, eat and "
                        "sleep, talk to people you trust without sharing identifying details, and "
                        "use your employee assistance program if you have one. If someone you "
                        "supported dies, whether by suicide or overdose, grief is normal, and so "
                        "is asking for time and help. It is not a sign of failure, and the death "
                        "is not your fault.</p>"
                    ),
                ),
                (
                    "case_scenario",
                    {
                        "title": "The morning after",
                        "scenario": (
                            "<p><i>Fictional scenario.</i> Yesterday afternoon Oriel, a peer "
                            "specialist with six years in recovery, gave naloxone to a young man "
                            "named Corwin in the center's bathroom. Corwin survived and went to "
                            "the hospital. Oriel finished his shift, went home, and did not tell "
                            "anyone how he felt. This morning he is exhausted, he keeps thinking "
                            "about the blue color of Corwin's lips, and for the first time in "
                            "years he had a dream about using. His supervisor has asked to meet "
                            "at 10 a.m. to complete the incident report.</p>"
                        ),
                        "discussion_questions": [
                            (
                                "What should Oriel bring to the meeting with his supervisor, "
                                "beyond the facts needed for the report?"
                            ),
                            "Which signs suggest that Oriel needs support for himself?",
                            "What could Oriel do today to protect his own recovery?",
                            "What could the agency do to support staff after events like this?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which list shows the six steps of the Stanley-Brown Safety Planning "
                            "Intervention in the correct order?"
                        ),
                        "options": [
                            {
                                "text": (
                                    "Warning signs; internal coping strategies; people and social "
                                    "settings that provide distraction; people I can ask for "
                                    "help; professionals or agencies to contact in a crisis; "
                                    "making the environment safer."
                                ),
                                "correct": True,
                            },
                            {
                                "text": (
                                    "Making the environment safer; warning signs; professionals "
                                    "or agencies; people I can ask for help; internal coping "
                                    "strategies; distraction."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Professionals or agencies; people I can ask for help; "
                                    "warning signs; internal coping strategies; distraction; "
                                    "making the environment safer."
                                ),
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Warning signs; people I can ask for help; internal coping "
                                    "strategies; making the environment safer; distraction; "
                                    "professionals or agencies."
                                ),
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "The plan moves from recognizing one's own warning signs, to coping "
                            "alone, to distraction with others, to asking people for help, to "
                            "contacting professionals including 988, and finally to reducing "
                            "access to lethal means."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "What are your own early warning signs that a hard day at work is "
                            "affecting you or your recovery? Write down two things you will do, "
                            "and one person you will talk to, after your next crisis response."
                        ),
                    },
                ),
            ],
        },
    ],
}
