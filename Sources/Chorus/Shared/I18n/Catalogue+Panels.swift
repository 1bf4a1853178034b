import ChorusCore

/// Strings for residents joining citizens' panels and for a selection's public audit page (merged into the catalogue
/// by `PanelsFeature.strings`). Staff's panel pages are in English. Placeholders are numbered (`{1}`). The profile
/// questions follow the 2021 Census wording (England and Wales).
extension Catalogue {
    static let panelsEnglish: [String: String] = [
        "nav.panels": "Panels",
        "audit.entity.panel": "Panel", "audit.entity.panel_member": "Panel member", "audit.entity.panel_lottery": "Panel letter lottery",
        "audit.entity.panel_selection": "Panel selection",
        "panels.title": "Citizens' panels",
        "panels.lead":
            "Join a panel to be invited, now and then, to events where residents work through a question together. People are picked at random so each event reflects the people who live here.",
        "panels.none": "No panel is taking new members at the moment.",
        "panels.back": "All panels",
        "panels.about_you": "About you",
        "panels.your_profile": "Your profile",
        "panels.why_questions":
            "We ask these questions, as the Census does, only so that the people picked for each event reflect everyone who lives here. Every question can be answered \"Prefer not to say\".",
        "panels.q.age_band": "How old are you?", "panels.q.sex": "What is your sex?", "panels.q.ethnic_group": "What is your ethnic group?",
        "panels.q.disability":
            "Are your day-to-day activities limited because of a health problem or disability which has lasted, or is expected to last, at least 12 months?",
        "panels.q.ward": "Which ward do you live in?",
        "panels.a.16_24": "16 to 24", "panels.a.25_34": "25 to 34", "panels.a.35_44": "35 to 44", "panels.a.45_54": "45 to 54",
        "panels.a.55_64": "55 to 64", "panels.a.65_74": "65 to 74", "panels.a.75_plus": "75 or over",
        "panels.a.female": "Female", "panels.a.male": "Male",
        "panels.a.asian": "Asian, Asian British or Asian Welsh", "panels.a.black": "Black, Black British, Black Welsh, Caribbean or African",
        "panels.a.mixed": "Mixed or multiple ethnic groups", "panels.a.white": "White", "panels.a.other": "Other ethnic group",
        "panels.a.limited_a_lot": "Yes, limited a lot", "panels.a.limited_a_little": "Yes, limited a little", "panels.a.not_limited": "No",
        "panels.a.prefer_not_to_say": "Prefer not to say",
        "panels.code": "Code from your letter (if you have one)",
        "panels.code_hint": "It looks like H-7K3M-9QXD. If you did not get a letter, leave this empty.",
        "panels.consent.v1":
            "I agree that the organisation running this panel keeps my answers to invite me to events and to pick people fairly. My answers about ethnic group and health are used only for that. I can change them or leave at any time.",
        "panels.join": "Join the panel", "panels.update": "Save my profile",
        "panels.joined": "You have joined the panel. We will email you if you are picked for an event.",
        "panels.saved": "Your profile is saved.",
        "panels.leave_heading": "Leave the panel", "panels.leave_text": "Leaving deletes your profile from this panel straight away.",
        "panels.leave": "Leave the panel",
        "panels.left_title": "You have left the panel", "panels.left_text": "Your profile has been deleted from {1}.",
        "panels.audit.title": "How the people for {1} were picked",
        "panels.audit.intro": "{2} people were to be picked from {3} members of the {1} who were in the pool.",
        "panels.audit.method": "Method:",
        "panels.audit.files": "What was published before the draw",
        "panels.audit.hash": "SHA-256 of the two files, published before the draw (check a download with: sha256sum -c SHA256SUMS):",
        "panels.audit.draw": "The draw",
        "panels.audit.seed": "Seed:",
        "panels.audit.panels": "The method gave a lottery over {1} possible panels; nobody's chance of being picked was below {2}.",
        "panels.audit.selected": "Picked (by pseudonym)",
        "panels.audit.pseudonym": "Pseudonym", "panels.audit.probability": "Chance of being picked",
        "panels.audit.probabilities": "Each person's chance of being picked",
        "panels.audit.not_drawn": "The draw has not been made yet.",
    ]

    /// Machine-drafted; needs review by a fluent speaker (docs/accessibility-and-languages.md).
    static let panelsUrdu: [String: String] = [
        "nav.panels": "پینل",
        "panels.title": "شہریوں کے پینل",
        "panels.lead":
            "پینل میں شامل ہوں تاکہ آپ کو کبھی کبھار ایسی تقریبات میں بلایا جائے جہاں رہائشی مل کر کسی سوال پر غور کرتے ہیں۔ لوگوں کو قرعہ اندازی سے چنا جاتا ہے تاکہ ہر تقریب یہاں رہنے والوں کی عکاسی کرے۔",
        "panels.none": "اس وقت کوئی پینل نئے ارکان نہیں لے رہا۔",
        "panels.back": "تمام پینل",
        "panels.about_you": "آپ کے بارے میں",
        "panels.your_profile": "آپ کی پروفائل",
        "panels.why_questions":
            "ہم یہ سوالات، مردم شماری کی طرح، صرف اس لیے پوچھتے ہیں کہ ہر تقریب کے لیے چنے گئے لوگ یہاں رہنے والے سب لوگوں کی عکاسی کریں۔ ہر سوال کا جواب \"بتانا نہیں چاہتے\" ہو سکتا ہے۔",
        "panels.q.age_band": "آپ کی عمر کیا ہے؟", "panels.q.sex": "آپ کی جنس کیا ہے؟", "panels.q.ethnic_group": "آپ کا نسلی گروہ کیا ہے؟",
        "panels.q.disability":
            "کیا کسی ایسی صحت کی خرابی یا معذوری کی وجہ سے، جو کم از کم 12 مہینے رہی ہو یا رہنے کی توقع ہو، آپ کی روزمرہ سرگرمیاں محدود ہیں؟",
        "panels.q.ward": "آپ کس وارڈ میں رہتے ہیں؟",
        "panels.a.16_24": "16 سے 24", "panels.a.25_34": "25 سے 34", "panels.a.35_44": "35 سے 44", "panels.a.45_54": "45 سے 54",
        "panels.a.55_64": "55 سے 64", "panels.a.65_74": "65 سے 74", "panels.a.75_plus": "75 یا زیادہ",
        "panels.a.female": "عورت", "panels.a.male": "مرد",
        "panels.a.asian": "ایشیائی، ایشیائی برطانوی یا ایشیائی ویلش",
        "panels.a.black": "سیاہ فام، سیاہ فام برطانوی، سیاہ فام ویلش، کیریبین یا افریقی",
        "panels.a.mixed": "مخلوط یا متعدد نسلی گروہ", "panels.a.white": "سفید فام", "panels.a.other": "کوئی اور نسلی گروہ",
        "panels.a.limited_a_lot": "ہاں، بہت محدود", "panels.a.limited_a_little": "ہاں، تھوڑی محدود", "panels.a.not_limited": "نہیں",
        "panels.a.prefer_not_to_say": "بتانا نہیں چاہتے",
        "panels.code": "آپ کے خط پر لکھا کوڈ (اگر ہے)",
        "panels.code_hint": "یہ H-7K3M-9QXD جیسا دکھتا ہے۔ اگر آپ کو خط نہیں ملا تو اسے خالی چھوڑ دیں۔",
        "panels.consent.v1":
            "میں اتفاق کرتا/کرتی ہوں کہ یہ پینل چلانے والا ادارہ میرے جوابات مجھے تقریبات میں بلانے اور لوگوں کو منصفانہ طور پر چننے کے لیے رکھے۔ نسلی گروہ اور صحت کے بارے میں میرے جوابات صرف اسی کام آئیں گے۔ میں انہیں کسی بھی وقت بدل سکتا/سکتی ہوں یا پینل چھوڑ سکتا/سکتی ہوں۔",
        "panels.join": "پینل میں شامل ہوں", "panels.update": "میری پروفائل محفوظ کریں",
        "panels.joined": "آپ پینل میں شامل ہو گئے ہیں۔ اگر آپ کسی تقریب کے لیے چنے گئے تو ہم آپ کو ای میل کریں گے۔",
        "panels.saved": "آپ کی پروفائل محفوظ ہو گئی ہے۔",
        "panels.leave_heading": "پینل چھوڑیں", "panels.leave_text": "پینل چھوڑنے سے آپ کی پروفائل اسی وقت اس پینل سے حذف ہو جاتی ہے۔",
        "panels.leave": "پینل چھوڑیں",
        "panels.left_title": "آپ نے پینل چھوڑ دیا ہے", "panels.left_text": "آپ کی پروفائل {1} سے حذف کر دی گئی ہے۔",
        "panels.audit.title": "{1} کے لیے لوگ کیسے چنے گئے",
        "panels.audit.intro": "{1} کے {3} ارکان میں سے، جو انتخاب میں شامل تھے، {2} لوگ چنے جانے تھے۔",
        "panels.audit.method": "طریقہ:",
        "panels.audit.files": "قرعہ اندازی سے پہلے کیا شائع کیا گیا",
        "panels.audit.hash": "دونوں فائلوں کا SHA-256، جو قرعہ اندازی سے پہلے شائع کیا گیا (ڈاؤن لوڈ کی جانچ: sha256sum -c SHA256SUMS):",
        "panels.audit.draw": "قرعہ اندازی",
        "panels.audit.seed": "سیڈ:",
        "panels.audit.panels": "اس طریقے نے {1} ممکنہ پینلوں پر قرعہ اندازی دی؛ کسی کے چنے جانے کا امکان {2} سے کم نہیں تھا۔",
        "panels.audit.selected": "چنے گئے (فرضی نام سے)",
        "panels.audit.pseudonym": "فرضی نام", "panels.audit.probability": "چنے جانے کا امکان",
        "panels.audit.probabilities": "ہر شخص کے چنے جانے کا امکان",
        "panels.audit.not_drawn": "قرعہ اندازی ابھی نہیں ہوئی۔",
    ]
}
