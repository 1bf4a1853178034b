import Foundation

/// The quality standards a new partnership starts from when it asks itself "how are we doing?" about community
/// engagement, each rated Emerging, Aspiring or Established. The seven themes follow Scotland's National Standards
/// for Community Engagement (inclusion, support, planning, working together, methods, communication, impact), but
/// every word here is Chorus's own. This is version 1 of the set; a partnership admin edits it from there, and each
/// edit makes a new version (`StandardSet`), so earlier assessments keep the wording they were made against.
public enum DefaultStandards {
    public static let set = StandardSet(
        version: 1,
        standards: [
            QualityStandard(
                key: "inclusion",
                title: "Inclusion",
                summary: "Everyone affected by a decision gets a fair chance to have their say. "
                    + "Partners find out who is missing, go to them, and check that the people who took part reflect the area.",
                indicators: [
                    "We know which groups in the area are seldom heard and plan how to reach them",
                    "An equality impact assessment is done before each activity starts and looked at again when it closes",
                    "We compare who took part with the local population and act when a group is under-represented",
                    "Community groups that know seldom-heard residents help us reach them",
                ],
                emerging: "We hear from whoever comes forward. Some activities have an equality impact assessment, "
                    + "but we rarely check who took part against the local population.",
                aspiring: "Most activities have an equality impact assessment and a plan to reach seldom-heard groups. "
                    + "We look at who took part, but gaps are not always followed up.",
                established: "Every activity has an equality impact assessment. We routinely compare who took part with the population, "
                    + "close gaps while the activity is still open, and use what we learn in the next plan."
            ),
            QualityStandard(
                key: "support",
                title: "Support",
                summary: "Partners take away the things that stop people joining in, such as cost, distance, language, disability "
                    + "or caring duties, and ask residents what help they need.",
                indicators: [
                    "Venues are accessible, and sessions are held at times and places that suit the people we want to hear from",
                    "Interpreters, translations, British Sign Language and Easy Read versions are offered and provided when asked for",
                    "We offer help with childcare, travel and other costs so that money does not keep anyone out",
                    "Residents are asked what would help them take part, and we act on what they tell us",
                ],
                emerging: "Help is given if someone asks for it, but it is not offered up front. "
                    + "Venues and times are chosen to suit staff more than residents.",
                aspiring: "Most activities offer accessible venues, interpreters and help with costs. "
                    + "What is on offer still varies between partners and teams.",
                established: "Every activity says up front what help is available, and requests are met. "
                    + "We check afterwards what still got in people's way and fix it next time."
            ),
            QualityStandard(
                key: "planning",
                title: "Planning",
                summary: "Before an activity starts, partners agree why they are engaging, what can still change, who they need to hear "
                    + "from and how the results will be used, and write this in a plan that is signed off.",
                indicators: [
                    "Every activity has an engagement plan that is signed off before it starts",
                    "The plan says what residents can still influence and what has already been decided",
                    "The plan sets out the time, staff and budget needed, and these are in place",
                    "Residents or community groups help shape the plan where they can",
                ],
                emerging: "Some activities have a written plan, often written after the work has begun. "
                    + "It is not always clear what residents can still change.",
                aspiring: "Most activities have a plan signed off before they start. "
                    + "Plans do not always say what is open to change or have the time and budget they need.",
                established: "No activity starts without a signed-off plan. Plans are clear about what can change, "
                    + "have the time and money they need, and are reviewed when the activity ends."
            ),
            QualityStandard(
                key: "working-together",
                title: "Working together",
                summary: "Partners plan and run engagement with each other and with community groups, share what they learn, "
                    + "and sort out clashes so residents are not asked the same thing twice.",
                indicators: [
                    "Activities on shared topics are run jointly with partner organisations and community groups",
                    "We check what other partners are doing before we start and sort out any overlap with their engagement",
                    "Roles are agreed at the start: who leads, who does what and who pays",
                    "Findings are shared with partners so they can use them instead of asking again",
                ],
                emerging: "Each organisation mostly engages on its own. "
                    + "Overlaps with other partners' work are found late, if at all.",
                aspiring: "Many activities are run with partners or community groups, and overlaps are usually spotted in time. "
                    + "Roles and sharing of findings are not always agreed up front.",
                established: "Working jointly is the normal way on shared topics. Overlaps are checked and settled before anything starts, "
                    + "and partners use each other's findings. We review joint work together and improve it."
            ),
            QualityStandard(
                key: "methods",
                title: "Methods",
                summary: "Partners choose ways of engaging that suit what they need to find out and the people they need to hear from. "
                    + "They use more than one, so no one is shut out by a single approach.",
                indicators: [
                    "Each method is chosen for the purpose and the people, not out of habit",
                    "Most activities use more than one method, such as a survey alongside face-to-face sessions",
                    "There is always a way to take part for people who do not use the internet",
                    "We look at how well each method worked and who it reached",
                ],
                emerging: "We tend to use the same method every time, usually an online survey. "
                    + "The choice is rarely explained.",
                aspiring: "Most activities use more than one method, chosen with the purpose in mind. "
                    + "We do not always check which methods reached which people.",
                established: "Methods are picked for each activity's purpose and people, and nearly always combined. "
                    + "We review how each one worked and change our approach from what we find."
            ),
            QualityStandard(
                key: "communication",
                title: "Communication",
                summary: "Partners tell people in plain English what is happening, how to take part and what they can influence. "
                    + "Afterwards they report back what was heard and what will happen as a result.",
                indicators: [
                    "Information about each activity is in plain English and in the formats and languages people need",
                    "A \u{201C}You said, we did\u{201D} report is published within 12 weeks of each activity closing",
                    "People who took part are told when the report is out and where to find it",
                    "We say honestly when something residents asked for cannot happen, and why",
                ],
                emerging: "Residents hear back now and then, often months later or not at all. "
                    + "Information is written for officers rather than residents.",
                aspiring: "Most activities get a \u{201C}You said, we did\u{201D} report, but some take longer than 12 weeks. "
                    + "Plain English is used most of the time.",
                established: "Every closed activity has a \u{201C}You said, we did\u{201D} report within 12 weeks, "
                    + "and people who took part are told. We test our wording with residents and improve it."
            ),
            QualityStandard(
                key: "impact",
                title: "Impact",
                summary: "Partners can point to decisions and actions that came from what residents said, and follow those actions "
                    + "through. They look back at each activity to see what to do differently.",
                indicators: [
                    "Decisions and actions can be traced back to what residents said",
                    "Each agreed action has an owner and a due date, and we track it until it is done",
                    "Decision-makers see what residents said before they decide, not after",
                    "Each activity is reviewed when it closes, including what worked and what did not",
                ],
                emerging: "It is hard to say what changed because of engagement. "
                    + "Agreed actions are not tracked, and activities are rarely reviewed.",
                aspiring: "For most activities we can show decisions or actions that came from residents' views. "
                    + "Tracking of actions and reviews of activities are patchy.",
                established: "Decisions and actions are routinely traced back to residents' views, and agreed actions are seen through. "
                    + "What we learn from reviews changes how we engage."
            ),
        ]
    )
}
