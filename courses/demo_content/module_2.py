"""Module 2 teaching content: Communication and Mentoring.

All people named in case scenarios and examples are fictional.
"""

MODULE = {
    "slug": "communication-and-mentoring",
    "title": "Communication and Mentoring",
    "intro": (
        "<p>Communication is the main tool of peer support. A peer specialist's most powerful "
        "interventions are usually not dramatic. They happen when someone feels truly heard, when "
        "a question helps a person find their own reasons for change, when a well-timed piece of "
        "lived experience makes hope feel possible, or when a group becomes a place where people "
        "help each other.</p>"
        "<p>This module builds those skills step by step: <b>active listening</b>; the "
        "<b>OARS</b> skills from motivational interviewing (open questions, affirmations, "
        "reflections and summaries); <b>strategic self-disclosure</b> and telling your recovery "
        "story with purpose; <b>person-first, non-stigmatising language</b>; and the basics of "
        "<b>facilitating peer groups</b>. Each lesson includes worked examples and practice "
        "scenarios you can try with a partner.</p>"
    ),
    "contact_hours": "8.0",
    "domain_hours": {
        "Mentoring/Education": "8.0",
    },
    "competencies": [1, 3, 4, 9, 10],
    "objectives": [
        "Demonstrate active listening behaviours, including attending, paraphrasing, tolerating silence and checking understanding, in a practice conversation.",
        "Produce an example of each OARS skill (open question, affirmation, simple and complex reflection, summary) in response to a peer scenario.",
        "Apply criteria for purposeful self-disclosure so that a recovery story is brief, relevant, focused on the peer and hope-oriented.",
        "Replace stigmatising terms with person-first, accurate alternatives in speech and documentation, and explain why language affects outcomes.",
        "Plan and open a peer support group, including co-created ground rules, an accurate explanation of confidentiality and its limits, and strategies for managing dominance and silence.",
    ],
    "lessons": [
        # ------------------------------------------------------------------
        # Lesson 1
        # ------------------------------------------------------------------
        {
            "slug": "active-listening",
            "title": "Active Listening: The Foundation of Peer Connection",
            "summary": "How to listen so that people feel heard: attending, paraphrasing, silence, and resisting the urge to fix.",
            "estimated_minutes": 90,
            "body": [
                ("heading", "Listening is an action"),
                (
                    "paragraph",
                    "<p>Many people who come to peer support have spent years being talked <i>at</i>: "
                    "lectured by family, warned by professionals, judged by systems. Being listened to, "
                    "carefully and without an agenda, can be a new experience. <b>Active listening</b> "
                    "means giving your full attention, working to understand the other person's "
                    "meaning and feelings, and showing them that you have understood. It is active "
                    "because it takes effort. You set aside your own reactions, stories and solutions "
                    "long enough to follow theirs.</p>"
                    "<p>Active listening is the basis of SAMHSA's first core competency for peer "
                    "workers: engaging peers in collaborative and caring relationships. Without it, "
                    "every other skill in this module falls flat.</p>",
                ),
                ("heading", "Attending: what your body and voice say"),
                (
                    "paragraph",
                    "<p>Counsellor educator Gerard Egan summarised attending behaviour with the "
                    "acronym <b>SOLER</b>: face the person <b>S</b>quarely, adopt an <b>O</b>pen "
                    "posture, <b>L</b>ean in slightly, keep appropriate <b>E</b>ye contact, and stay "
                    "<b>R</b>elaxed. Treat SOLER as a starting point, not a rulebook. What signals "
                    "respect varies across cultures and individuals. For some people, steady eye "
                    "contact feels confrontational. Someone with a trauma history may prefer that you "
                    "sit side by side, leave a clear path to the door, or talk while walking. Ask: "
                    '"Where would you be most comfortable sitting?"</p>'
                    "<p>Attending also means removing distractions. Silence your phone, avoid "
                    "typing notes while someone is telling you something painful, and keep your tone "
                    'calm and unhurried. On the phone or video, short verbal signals such as "mm-hm," '
                    '"go on," or "I\'m with you" replace the nods the person cannot see.</p>',
                ),
                ("heading", "Core listening skills"),
                (
                    "paragraph",
                    "<ul>"
                    "<li><b>Paraphrasing:</b> restating the essence of what you heard in your own "
                    "words. \"So the appointment got moved again, and now you're not sure it's worth "
                    'going at all."</li>'
                    '<li><b>Reflecting feelings:</b> naming the emotion underneath. "That sounds '
                    'really discouraging."</li>'
                    '<li><b>Clarifying:</b> checking when you are not sure. "When you say things '
                    "are 'bad at home,' what does that look like?\"</li>"
                    "<li><b>Using silence:</b> pausing after the person stops talking. Silence gives "
                    "people time to think and often brings out what matters most. Count to five in "
                    "your head before you speak.</li>"
                    '<li><b>Checking understanding:</b> "Did I get that right?" This shows humility '
                    "and gives the person control over their own story.</li>"
                    "</ul>",
                ),
                (
                    "paragraph",
                    "<p>Listen for more than facts. Listen for <b>feelings</b> (what is this like for "
                    "them?), <b>values</b> (what do they care about?), <b>strengths</b> (what have they "
                    "already done to survive or cope?) and <b>hopes</b> (what do they want?). A person "
                    'complaining that their probation officer "is always on my back" may also be '
                    "telling you that they have kept every appointment for three months. That is a "
                    "strength worth noticing.</p>",
                ),
                ("heading", "The urge to fix"),
                (
                    "paragraph",
                    "<p>The biggest barrier to listening for most helpers is not inattention. It is "
                    "the urge to fix. Motivational interviewing calls this the <b>righting reflex</b>: "
                    "the well-meant impulse to correct, advise, warn or solve. For peers, it can be "
                    "even stronger, because we remember what worked for us and want to hand it over. "
                    "But premature advice tends to make people defend the status quo, and it sends the "
                    "message that you know their life better than they do.</p>"
                    "<p>Other common blocks include interrupting, planning your reply while the person "
                    "is still talking, changing the subject to your own experience, reassuring too "
                    "quickly (\"Don't worry, it'll be fine\"), and asking question after question "
                    "until the conversation feels like an interview.</p>",
                ),
                (
                    "paragraph",
                    "<p><b>What this looks like in peer work:</b> a peer calls to say their landlord is "
                    "threatening eviction. Instead of immediately listing legal aid numbers, you first "
                    "listen: \"That's a lot to be carrying. Tell me what's happened.\" After a few "
                    'minutes you summarise and ask, "What feels most urgent to you?" Then, with '
                    "permission, you offer resources. The information is the same, but the person "
                    "leaves feeling like a partner, not a case.</p>",
                ),
                (
                    "case_scenario",
                    {
                        "title": "The call after a hard day",
                        "scenario": "<p>Marisol, a fictional 45-year-old in early recovery, calls her "
                        "peer specialist, Dev, at 4:45 p.m. She is crying and says her "
                        "daughter would not let her see her grandson at his birthday "
                        "party. Before she finishes, Dev says, \"Okay, first thing: don't "
                        "pick up. Have you called your sponsor? You should write your "
                        "daughter a letter. That's what I did with my family.\" Marisol "
                        'goes quiet, says "Yeah, okay," and ends the call soon '
                        "after.</p>",
                        "discussion_questions": [
                            "What listening blocks can you identify in Dev's response?",
                            "What might Marisol have needed in the first two minutes of that call?",
                            "Rewrite Dev's first three sentences using paraphrasing, reflecting feelings and an open question.",
                            "Dev may well have been worried about Marisol's safety or a return to use. How could he have explored that while still listening first?",
                        ],
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": "Think of a time someone really listened to you. What did they do, and what did they not do? Now think about your own listening habits: which block (fixing, interrupting, reassuring, turning to your own story, over-questioning) shows up most for you, and in what kinds of conversations? Write one specific thing you will practise this week.",
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 2
        # ------------------------------------------------------------------
        {
            "slug": "oars-skills",
            "title": "OARS: Open Questions, Affirmations, Reflections and Summaries",
            "summary": "The four core skills of motivational interviewing, with worked examples of each and a sample dialogue.",
            "estimated_minutes": 105,
            "body": [
                ("heading", "Where OARS comes from"),
                (
                    "paragraph",
                    "<p>Motivational interviewing (MI), developed by psychologists William R. Miller "
                    "and Stephen Rollnick, is a collaborative way of talking with people that "
                    "strengthens their own motivation for change. MI rests on a spirit of partnership, "
                    "acceptance and compassion, and on drawing out the person's own ideas and "
                    "reasons rather than installing yours. Its four core communication skills are "
                    "known as <b>OARS</b>. Full MI proficiency takes training, practice and coaching, "
                    "but OARS are everyday skills that fit naturally with peer support.</p>"
                    "<p>A key MI idea is the difference between <b>change talk</b> (the person's own "
                    'statements about desire, ability, reasons or need for change, such as "I want to '
                    'be there for my kids") and <b>sustain talk</b> (statements in favour of '
                    'staying the same, such as "Drinking is the only thing that helps me relax"). '
                    "Both are normal. OARS help you listen for change talk and draw it out.</p>",
                ),
                ("heading", "O: Open questions"),
                (
                    "paragraph",
                    "<p>Closed questions can be answered in a word. They are useful for facts, but too "
                    "many turn a conversation into an interrogation. Open questions invite the person "
                    "to think and tell their story.</p>"
                    "<ul>"
                    '<li>Closed: "Did you go to the meeting?" Open: "What was the meeting like for '
                    'you?"</li>'
                    '<li>Closed: "Are you worried about your drinking?" Open: "How does drinking '
                    'fit into your life right now?"</li>'
                    '<li>Closed: "Do you want to get a job?" Open: "What would you like your days to '
                    'look like six months from now?"</li>'
                    '<li>Evoking change talk: "What worries you most about how things are going?" '
                    '"If you decided to make a change, how might you go about it?"</li>'
                    "</ul>"
                    '<p>Be careful with "why" questions. "Why did you use?" can sound like an '
                    'accusation. "What was going on before you used?" is gentler and usually more '
                    "informative.</p>",
                ),
                ("heading", "A: Affirmations"),
                (
                    "paragraph",
                    "<p>An affirmation recognises a person's genuine strengths, values or efforts. It "
                    "is specific and sincere, and it is about <i>them</i>. That is the difference "
                    'between an affirmation and praise. "I\'m proud of you" centres your approval. '
                    '"You kept showing up even the week your car broke down. That took real '
                    'determination" centres their strength.</p>'
                    "<ul>"
                    '<li>"You care a lot about being honest with your kids."</li>'
                    "<li>\"Even though the last attempt didn't go how you wanted, you learned a lot "
                    'about what your triggers are."</li>'
                    "<li>\"It took courage to come in today, knowing you'd have to talk about "
                    'this."</li>'
                    "</ul>"
                    "<p>Affirmations must be true. Generic or exaggerated compliments feel hollow, "
                    "especially to people who have been managed by systems for years.</p>",
                ),
                ("heading", "R: Reflections"),
                (
                    "paragraph",
                    "<p>Reflective listening is the core skill of MI. A reflection is a statement, not "
                    "a question: your voice goes down at the end. It offers your best guess at what "
                    "the person means.</p>"
                    "<ul>"
                    "<li><b>Simple reflection</b> stays close to what was said. Peer: \"I'm so tired "
                    'of everyone checking up on me." You: "You\'re worn out by all the '
                    'monitoring."</li>'
                    "<li><b>Complex reflection</b> adds meaning or feeling, going a step beyond the "
                    'words. You: "You want people to start trusting you again."</li>'
                    '<li><b>Double-sided reflection</b> captures ambivalence, joined by "and" rather '
                    'than "but". "On one hand, cannabis helps you sleep, and on the other, you\'re '
                    "noticing it's getting harder to get up for work.\"</li>"
                    "<li><b>Amplified reflection</b>, used gently and without sarcasm, slightly "
                    "overstates sustain talk so the person can push back toward change. \"So there's "
                    'really no downside at all."</li>'
                    "</ul>"
                    "<p>A useful practice target is to offer at least as many reflections as "
                    "questions, and ideally about two reflections for every question. When you are "
                    "unsure what to say, reflect.</p>",
                ),
                ("heading", "S: Summaries"),
                (
                    "paragraph",
                    "<p>A summary is a longer reflection that pulls together several things the person "
                    "has said. <b>Collecting summaries</b> gather related points, especially change "
                    "talk. <b>Linking summaries</b> connect what the person is saying now to something "
                    "said earlier. <b>Transitional summaries</b> wrap up a conversation or shift to a "
                    'new topic. End with an invitation: "What did I miss?" or "Where would you like '
                    'to go from here?"</p>'
                    "<p>Example: \"Let me see if I've got the big picture. You've cut back from daily "
                    "use to weekends, you're proud you made it to your son's game sober, and you're "
                    "worried that the weekends are starting to spill into Mondays. You also said you "
                    "don't want to lose the job you just started. What else is important here?\"</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Worked dialogue: OARS in action",
                        "body": '<p><b>Tanya (fictional peer):</b> "My counsellor wants me to try '
                        "an intensive outpatient programme, but I can't miss work three nights a week.\"</p>"
                        '<p><b>Peer specialist (open question):</b> "What do you make of '
                        'her suggestion?"</p>'
                        '<p><b>Tanya:</b> "I get it. I keep slipping on weekends. But this job is '
                        "the first good thing I've had in years.\"</p>"
                        '<p><b>Peer specialist (double-sided reflection):</b> "You can see '
                        "you might need more support, and you're determined to protect a job "
                        'that means a lot to you."</p>'
                        '<p><b>Tanya:</b> "Exactly. I\'m not going backwards."</p>'
                        "<p><b>Peer specialist (affirmation):</b> \"You've worked hard to build "
                        "something you're proud of.\"</p>"
                        '<p><b>Tanya:</b> "Yeah. I just don\'t want to wreck it."</p>'
                        "<p><b>Peer specialist (summary):</b> \"So you're noticing the weekends "
                        "are a problem, you want more support, and any plan has to fit around "
                        'your job. What options might fit both?"</p>',
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": 'A peer says, "I don\'t know. My wife says I drink too much, but all my friends drink the same amount." Which response is a complex reflection?',
                        "options": [
                            {
                                "text": '"How much do you drink in a typical week?"',
                                "correct": False,
                            },
                            {"text": '"Your wife says you drink too much."', "correct": False},
                            {
                                "text": "\"You're not sure whose picture of your drinking to trust, and your wife's concern is sticking with you.\"",
                                "correct": True,
                            },
                            {
                                "text": '"You should listen to your wife; she knows you best."',
                                "correct": False,
                            },
                        ],
                        "explanation": "The first option is a closed question and the second is a simple reflection that repeats the words. The third adds likely meaning and feeling, which makes it a complex reflection. The fourth is advice and is likely to invite defensiveness.",
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 3
        # ------------------------------------------------------------------
        {
            "slug": "strategic-self-disclosure",
            "title": "Strategic Self-Disclosure: Telling Your Recovery Story with Purpose",
            "summary": "When, why and how to share lived experience so that it is brief, relevant, focused on the peer and oriented toward hope.",
            "estimated_minutes": 90,
            "body": [
                ("heading", "Lived experience is your distinctive tool"),
                (
                    "paragraph",
                    "<p>What sets peer specialists apart from other members of a care team is lived "
                    "experience of recovery, and the ability to use it intentionally. Sharing that "
                    "experience is SAMHSA's third core competency for peer workers. A well-chosen "
                    "moment of disclosure can do what no brochure can: show that someone who has been "
                    "where the person is now has found a way through. It reduces isolation, challenges "
                    "shame and makes hope concrete.</p>"
                    "<p>Used without thought, the same tool can harm. It can pull the focus onto you, "
                    "suggest that your path is the only path, overwhelm someone with graphic detail, "
                    "or blur the professional relationship. The skill is not in having a story. It is "
                    "in using the right part of it, at the right moment, for the peer's benefit.</p>",
                ),
                ("heading", "Four tests before you share"),
                (
                    "paragraph",
                    "<ol>"
                    "<li><b>Purpose:</b> <i>Whose need does this meet?</i> Good reasons include "
                    "building trust, normalising an experience, offering hope or illustrating an option. "
                    "Poor reasons include filling a silence, wanting to be liked, proving credibility, "
                    "or working through your own feelings.</li>"
                    "<li><b>Relevance:</b> <i>Does it connect to what this person is dealing with "
                    "right now?</i> Share the part of your experience that matches their situation, not "
                    "your whole history.</li>"
                    "<li><b>Brevity:</b> <i>Can I say it in a few sentences?</i> Most effective "
                    "disclosures in one-to-one work last under a minute.</li>"
                    "<li><b>Return the focus:</b> <i>How will I hand the conversation back?</i> End "
                    "with a question or reflection about them.</li>"
                    "</ol>"
                    "<p>A fifth point runs through all four: <b>orient toward hope</b>. Spend most of "
                    "your words on what helped, what changed and what is possible, not on the worst "
                    "moments.</p>",
                ),
                ("heading", "What it sounds like"),
                (
                    "paragraph",
                    "<p>A peer tells you they feel like a fraud at work because nobody there knows "
                    "they are in recovery. A purposeful disclosure might be:</p>"
                    '<p>"I remember that feeling, like I was carrying a secret into every meeting. '
                    "What helped me was finding one person outside work I could be completely honest "
                    "with, and deciding for myself who at work needed to know, if anyone. I'm curious "
                    'what would help you feel less alone with it."</p>'
                    "<p>That is three sentences: a connection, what helped, and a return to the peer. "
                    "Compare it with a five-minute account of your own workplace history, which would "
                    "leave the person listening to you instead of being listened to.</p>",
                ),
                ("heading", "Your story, your boundaries"),
                (
                    "paragraph",
                    "<p>You decide what you share. Being a peer specialist does not oblige you to "
                    "disclose every part of your history, your diagnosis, your medications, or details "
                    "about family members who have not agreed to be part of your story. It helps to "
                    "decide in advance what you are comfortable sharing and what stays private, so you "
                    "are not deciding under pressure. If asked something you would rather not answer, "
                    "you can say, \"That's a part of my story I keep for myself, but I'm happy to talk "
                    'about what helped me get through that time."</p>'
                    '<p>Avoid "war stories" that dwell on or glamorise use, describe methods in '
                    "detail, or compare whose story was worse. Avoid presenting your pathway as the "
                    'answer: "This is what worked for me" is very different from "This is what you '
                    "need to do.\" Follow your agency's policies on disclosure, including on social "
                    "media.</p>",
                ),
                ("heading", "Telling your story to groups and communities"),
                (
                    "paragraph",
                    "<p>Peers are sometimes asked to share their story at trainings, public events or "
                    "with the media. The same principles apply, scaled up. A common structure is "
                    "<b>then, turning point, now</b>: a brief, non-graphic picture of what life was "
                    "like, what helped things start to change, and what life is like today, ending "
                    "with a clear message of hope or a call to action. Advocacy organisations such as "
                    "Faces &amp; Voices of Recovery teach recovery messaging that emphasises "
                    "solutions and what recovery looks like rather than the details of active "
                    "addiction. Practise a 60-second version and a five-minute version. Tailor the "
                    "story to the audience's purpose, and remember that once you speak publicly, you "
                    "cannot take it back.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "caution",
                        "title": "Check in with yourself",
                        "body": "<p>Sharing your story repeatedly can stir up old feelings, "
                        "especially if a peer's situation mirrors a painful part of your own "
                        "past. Notice when a conversation hits close to home, and take it to "
                        "supervision. Protecting your own recovery is part of your professional "
                        "responsibility, not a distraction from it.</p>",
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "Too much, too soon",
                        "scenario": "<p>Tomás, a fictional peer specialist three years into his "
                        "recovery from opioid use disorder, is meeting Ellie for the "
                        "first time. She is 22 and was discharged from a detox unit "
                        "yesterday. Trying to build rapport, Tomás spends about ten "
                        "minutes describing his worst years, including several overdoses "
                        "and time in jail, before explaining that a twelve-step "
                        'programme "saved his life" and that she should get a sponsor '
                        "this week. Ellie says little and does not return his follow-up "
                        "call.</p>",
                        "discussion_questions": [
                            "Apply the four tests (purpose, relevance, brevity, return the focus) to Tomás's disclosure.",
                            "What might Ellie have taken away from the conversation?",
                            "Write a disclosure of three or four sentences Tomás could have offered instead.",
                            "How could Tomás share what helped him while respecting that Ellie may choose a different pathway?",
                        ],
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": "Draft a 60-second version of your recovery or wellness story using the then, turning point, now structure. Underline the sentences about hope and what helped; are they at least half of the story? Then list two parts of your story you have decided to keep private at work, and practise a respectful way to decline if asked about them.",
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 4
        # ------------------------------------------------------------------
        {
            "slug": "person-first-language",
            "title": "Person-First and Non-Stigmatising Language",
            "summary": "Why words shape how people are treated, which terms to replace and with what, and how to respect people's own choices about language.",
            "estimated_minutes": 90,
            "body": [
                ("heading", "Words change how people are treated"),
                (
                    "paragraph",
                    "<p>Language is not just a matter of politeness. In a widely cited 2010 study, John "
                    "Kelly and Cassandra Westerhoff gave mental health professionals a short scenario "
                    "about a person in trouble for not following court-ordered treatment. The only "
                    "difference between versions was whether the person was described as a "
                    '"substance abuser" or as "having a substance use disorder." Clinicians who '
                    'read "substance abuser" were significantly more likely to agree that the '
                    "person was personally to blame and should face punitive measures. If trained "
                    "professionals are affected, so are landlords, employers, judges, families and "
                    "people in recovery themselves.</p>"
                    "<p>Stigmatising language reinforces the idea that substance use disorders are "
                    "moral failings. It keeps people from seeking help and shapes the way records "
                    "follow them through systems. Peers can model a different way of speaking, and "
                    "they are often in a position to influence their teams to do the same.</p>",
                ),
                ("heading", "Person-first language"),
                (
                    "paragraph",
                    "<p><b>Person-first language</b> puts the person before the condition. It describes "
                    "what a person <i>has</i> or <i>experiences</i>, not what a person <i>is</i>. A "
                    "condition is one part of a life, not an identity imposed from outside.</p>"
                    "<ul>"
                    '<li>Instead of "addict" or "junkie": <b>person with a substance use '
                    "disorder</b>, or person who uses drugs (common in harm reduction settings).</li>"
                    '<li>Instead of "alcoholic" (when describing others): <b>person with an alcohol '
                    "use disorder</b>.</li>"
                    '<li>Instead of "former addict" or "ex-addict": <b>person in recovery</b> or '
                    "person with lived experience.</li>"
                    '<li>Instead of "substance abuse": <b>substance use</b>, or <b>misuse</b> when '
                    "describing prescription medication taken other than as prescribed.</li>"
                    '<li>Instead of "schizophrenic" or "bipolar" as nouns: <b>person living with '
                    "schizophrenia</b> or <b>person with bipolar disorder</b>.</li>"
                    '<li>Instead of "committed suicide": <b>died by suicide</b>.</li>'
                    "</ul>",
                ),
                ("heading", "Accurate, non-judgemental terms"),
                (
                    "paragraph",
                    "<p>Some words carry hidden judgements. Replace them with terms that describe "
                    "what actually happened:</p>"
                    "<ul>"
                    '<li>"Clean" or "dirty" drug test: <b>negative</b> or <b>positive</b> test '
                    'result, or "tested positive for fentanyl." Calling a result "dirty" implies '
                    "the person is dirty.</li>"
                    '<li>"Clean" to describe a person: <b>in recovery</b>, <b>not currently using</b>, '
                    'or "has been in recovery for eight months."</li>'
                    '<li>"Relapsed": <b>returned to use</b> or <b>recurrence</b>. Many people use '
                    '"relapse" about themselves and that is their right. In professional settings, '
                    "neutral terms avoid implying failure.</li>"
                    '<li>"Replacement" or "substitution therapy": <b>medication for opioid use '
                    "disorder (MOUD)</b> or medication treatment.</li>"
                    '<li>"Drug habit": <b>substance use disorder</b> or regular substance use.</li>'
                    '<li>"Non-compliant" or "in denial": describe the situation, for example '
                    '"has not started the medication; reports worry about side effects" or "is not '
                    'sure the treatment plan fits his goals."</li>'
                    "</ul>",
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Respect how people describe themselves",
                        "body": "<p>Person-first language is a guide for how <i>you</i> talk about "
                        "others, not a rule to enforce on them. Many people proudly say "
                        '"I\'m an alcoholic" or "I\'m an addict in recovery" in mutual-aid '
                        "meetings, and some communities, such as many Deaf and autistic people, "
                        "prefer identity-first language. Never correct a peer's description of "
                        "themselves. When in doubt, listen for the words a person uses and ask "
                        "what they prefer.</p>",
                    },
                ),
                ("heading", "What this looks like in peer work"),
                (
                    "paragraph",
                    '<p>In conversation, non-stigmatising language is usually simple: "How long have '
                    'you been in recovery?" rather than "How long have you been clean?" It also '
                    "means noticing how people talk about themselves. When someone says \"I'm just a "
                    'junkie, I always mess up," you can reflect the pain behind it and gently offer '
                    "another view: \"You're being really hard on yourself. I see someone who came back "
                    'in today."</p>'
                    "<p>In <b>documentation</b>, language lasts for years and is read by people who "
                    "have never met the person. Write what you observed and what the person said, use "
                    "their own words in quotation marks where helpful, and include strengths and "
                    'goals, not only problems. "Drug-seeking" or "manipulative" are conclusions that '
                    'can follow someone through every future visit. "Asked for a higher dose; says '
                    'current dose does not control pain" is accurate and fair.</p>',
                ),
                (
                    "paragraph",
                    "<p>On <b>teams</b>, peers often hear stigmatising language from colleagues who "
                    "mean no harm. A calm, non-shaming approach works best: model the alternative term "
                    "in your next sentence, or raise it privately: \"I've started saying 'returned to "
                    "use' instead of 'relapsed' because research shows labels affect how people are "
                    'treated. Would you be open to trying it?" Agencies can also adopt language '
                    "guidelines for forms, signs and policies. Changing language is a form of "
                    "systems advocacy, which Module 3 explores further.</p>",
                ),
                (
                    "case_scenario",
                    {
                        "title": "The team meeting",
                        "scenario": "<p>At a weekly team meeting, a fictional case manager named Greg "
                        "says, \"Our addict in room 4 had a dirty UA again. I think he's "
                        "just drug-seeking with this Suboxone request. He's been "
                        'non-compliant since day one." Others nod. The person being '
                        "discussed, a fictional man named Ray, has told you privately "
                        "that he is ashamed of the positive test and wants to talk to the "
                        "prescriber about starting buprenorphine.</p>",
                        "discussion_questions": [
                            "Identify each stigmatising term in Greg's statement and suggest an accurate replacement.",
                            "How might this language affect the decisions the team makes about Ray?",
                            "What could you say in the meeting, or afterwards, that respects your colleague and advocates for Ray?",
                            "How would you write a note about Ray's test result and medication request in person-first, factual language?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which documentation entry best reflects person-first, non-stigmatising language?",
                        "options": [
                            {
                                "text": '"Client is an addict who relapsed and had a dirty urine screen."',
                                "correct": False,
                            },
                            {
                                "text": '"Client in denial; non-compliant with treatment again."',
                                "correct": False,
                            },
                            {
                                "text": '"Participant returned to use on Saturday; urine screen positive for opioids. States she wants to talk with her prescriber about medication options."',
                                "correct": True,
                            },
                            {
                                "text": '"Participant is clean for now but will probably relapse."',
                                "correct": False,
                            },
                        ],
                        "explanation": 'The correct entry describes what happened in neutral, accurate terms, uses "returned to use" and "positive", and records the person\'s own goal. The other options use labels (addict, dirty, clean, in denial, non-compliant) and predictions that stigmatise and can bias future care.',
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 5
        # ------------------------------------------------------------------
        {
            "slug": "group-facilitation-basics",
            "title": "Facilitating Peer Support Groups",
            "summary": "Planning and running a peer group: purpose, co-created ground rules, honest confidentiality, managing dominance and silence, and building mutual aid.",
            "estimated_minutes": 105,
            "body": [
                ("heading", "The power of mutual aid"),
                (
                    "paragraph",
                    "<p>Groups let peers help each other, not only receive help. Sociologist Frank "
                    "Riessman described the <b>helper therapy principle</b> in 1965: people who help "
                    "others often benefit as much as those they help. A good peer group creates "
                    "<b>mutual aid</b>. Members share experiences, offer ideas and encouragement, and "
                    "see their own strengths reflected back. The facilitator's job is not to be the "
                    "expert at the front of the room. It is to create the conditions in which members "
                    "can support one another safely.</p>"
                    "<p>Peer-facilitated groups vary: open drop-in recovery support groups, "
                    "all-recovery meetings that welcome any pathway, topic-focused groups such as "
                    "coping with holidays or parenting in recovery, and skill-building groups such as "
                    "WRAP. Be clear about what kind of group you are running. Peer support groups are "
                    "not group therapy, and facilitators should not try to process trauma or provide "
                    "treatment.</p>",
                ),
                ("heading", "Before the group"),
                (
                    "paragraph",
                    "<p>Preparation prevents many problems. Know the group's <b>purpose</b> and who it "
                    "is for. Check the <b>space</b>: is it accessible, private enough, and arranged in "
                    "a circle so everyone can see each other? Plan a simple <b>structure</b>: welcome, "
                    "ground rules, check-in, a topic or activity, and a check-out. Know your agency's "
                    "<b>policies</b> on crisis response, mandated reporting, and what to do if someone "
                    "arrives intoxicated. Wherever possible, co-facilitate, so one person can step out "
                    "with a member in distress while the other keeps the group going.</p>",
                ),
                ("heading", "Ground rules and honest confidentiality"),
                (
                    "paragraph",
                    "<p>Ground rules, sometimes called group agreements, work best when members help "
                    "create them and revisit them when new people join. Common agreements include "
                    "one person speaking at a time; speaking from your own experience using "
                    '"I" statements; the right to pass; no advice-giving unless someone asks for it; '
                    "respecting different recovery pathways; phones on silent; and arriving as sober "
                    "or as safe as you can, according to agency policy.</p>"
                    "<p><b>Confidentiality</b> needs a clear and honest explanation. \"What's said "
                    'here stays here" is a shared commitment among members, but the facilitator '
                    "cannot guarantee that every member will keep it. Say so plainly, and encourage "
                    "people to share only what they are comfortable with. Also explain the limits on "
                    "your own confidentiality: you may need to act, and involve others, if someone is "
                    "at risk of serious harm to themselves or others, or if you learn of child or "
                    "vulnerable-adult abuse or neglect that you are required to report. Programmes "
                    "covered by the federal confidentiality rule for substance use disorder records "
                    "(42 CFR Part 2) have additional obligations. Follow your agency's "
                    "policy.</p>",
                ),
                ("heading", "Managing dominance and silence"),
                (
                    "paragraph",
                    "<p>When <b>one member dominates</b>, the group loses its mutual-aid character. "
                    "Start gently and move toward firmer approaches only as needed:</p>"
                    "<ul>"
                    "<li>Acknowledge and summarise: \"Carl, you've raised something important about "
                    "trust. Let's see how that lands for others.\"</li>"
                    "<li>Use structure: go-rounds, a talking piece, or time guidelines that apply to "
                    "everyone.</li>"
                    '<li>Redirect with an open question to the group: "Who else has experienced '
                    'something like that?"</li>'
                    "<li>Talk privately and respectfully after group, recognising the person's "
                    "engagement and asking for their help in making space for others.</li>"
                    "</ul>"
                    "<p>When <b>members are silent</b>, remember that silence is not failure. People "
                    "may be thinking, nervous, new, or unsure they belong. Wait longer than feels "
                    "comfortable, at least several seconds. Invite without singling out: \"I'd love to "
                    "hear from anyone who hasn't had a chance yet, and passing is always okay.\" "
                    "Pair-shares or short written prompts can help quieter members. Remember that some "
                    "people gain a great deal from listening, and cultural norms about speaking in "
                    "groups differ.</p>",
                ),
                (
                    "paragraph",
                    "<p><b>Conflict</b> between members is best addressed early and calmly. Name it "
                    'without blaming ("It sounds like there are strong feelings about this"), refer '
                    "back to the group agreements, and bring the focus back to each person's own "
                    "experience. If someone becomes threatening or disruptive, it is appropriate to "
                    "pause the group or ask the person to step out with a co-facilitator, following "
                    "agency policy.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "crisis",
                        "title": "When a group member discloses a crisis",
                        "body": "<p>If someone in group says they are thinking of ending their life "
                        "or appears to be in danger, acknowledge it calmly, and have a "
                        "co-facilitator or staff member stay with them privately while the "
                        "group is safely paused or continued. Follow your agency's crisis "
                        "protocol and notify your supervisor. The person can <b>call or text "
                        "988</b>, or chat online, to reach the 988 Suicide &amp; Crisis "
                        "Lifeline 24/7; veterans can <b>press 1</b> for the Veterans Crisis "
                        "Line. If there is <b>immediate danger</b> to anyone's life, including "
                        "a suspected overdose, <b>call 911</b>.</p>",
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "One voice, many silences",
                        "scenario": "<p>In a weekly evening recovery group, a fictional member named "
                        "Rick, who has been in recovery for 15 years, answers almost "
                        'every share with advice about what newcomers "need to do." '
                        "Two newer members, Aisha and Jun, have not spoken in three "
                        "weeks, and Jun recently mentioned he takes methadone. Tonight, "
                        'when Jun finally starts to speak, Rick interrupts: "Medication '
                        "isn't real recovery, kid.\"</p>",
                        "discussion_questions": [
                            "What would you say in the moment, and which group agreements would you refer to?",
                            "How could you acknowledge what Rick offers the group while limiting the harm of his advice-giving?",
                            "What might help Aisha and Jun feel safe enough to participate?",
                            "Would you speak with Rick privately afterwards? If so, what would you say?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which is the most accurate way to explain confidentiality when opening a peer support group?",
                        "options": [
                            {
                                "text": '"Everything said here is completely confidential, and nothing will ever leave this room."',
                                "correct": False,
                            },
                            {
                                "text": "\"We all agree to keep what's shared here private, but I can't promise everyone will. I may also need to act if someone is at risk of serious harm or if I learn of abuse I'm required to report.\"",
                                "correct": True,
                            },
                            {
                                "text": '"Confidentiality doesn\'t really apply in groups, so share at your own risk."',
                                "correct": False,
                            },
                        ],
                        "explanation": "Facilitators should be honest that member confidentiality is a shared agreement they cannot guarantee, and should name the limits on their own confidentiality, such as risk of serious harm and mandated reporting. Promising absolute confidentiality is inaccurate, and dismissing it undermines safety.",
                    },
                ),
            ],
        },
    ],
}
