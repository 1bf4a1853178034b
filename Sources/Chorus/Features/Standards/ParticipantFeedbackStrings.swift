/// The words of "How was taking part?", a residents' page: English and Urdu.
enum ParticipantFeedbackStrings {
    static let english: [String: String] = [
        "howwasit.title": "How was taking part?",
        "howwasit.about": "About:",
        "howwasit.anonymous": "Three short questions. We do not ask your name or email, and your answers help us do better next time.",
        "howwasit.listened": "Did you feel listened to?",
        "howwasit.listened.yes": "Yes",
        "howwasit.listened.partly": "Partly",
        "howwasit.listened.no": "No",
        "howwasit.ease": "Was it easy to take part?",
        "howwasit.ease.easy": "Yes, it was easy",
        "howwasit.ease.some_difficulty": "There were some difficulties",
        "howwasit.ease.hard": "No, it was hard",
        "howwasit.comment": "Anything else you want to tell us (optional)",
        "howwasit.comment_hint": "For example what made it easy or hard, or what we should do differently. Please do not include your name.",
        "howwasit.send": "Send",
        "howwasit.thanks": "Thank you. Your answers have been sent.",
        "howwasit.back": "Back to the activity",
        "howwasit.link": "Did you take part? Tell us how it felt (three questions, no name needed)",
    ]

    static let urdu: [String: String] = [
        "howwasit.title": "حصہ لینا کیسا رہا؟",
        "howwasit.about": "اس کے بارے میں:",
        "howwasit.anonymous": "تین مختصر سوالات۔ ہم آپ کا نام یا ای میل نہیں پوچھتے، اور آپ کے جوابات ہمیں اگلی بار بہتر کرنے میں مدد دیتے ہیں۔",
        "howwasit.listened": "کیا آپ کو لگا کہ آپ کی بات سنی گئی؟",
        "howwasit.listened.yes": "ہاں",
        "howwasit.listened.partly": "کچھ حد تک",
        "howwasit.listened.no": "نہیں",
        "howwasit.ease": "کیا حصہ لینا آسان تھا؟",
        "howwasit.ease.easy": "ہاں، آسان تھا",
        "howwasit.ease.some_difficulty": "کچھ مشکلات تھیں",
        "howwasit.ease.hard": "نہیں، مشکل تھا",
        "howwasit.comment": "کچھ اور جو آپ ہمیں بتانا چاہیں (اختیاری)",
        "howwasit.comment_hint": "مثلاً کس چیز نے اسے آسان یا مشکل بنایا، یا ہمیں کیا مختلف کرنا چاہیے۔ براہ کرم اپنا نام شامل نہ کریں۔",
        "howwasit.send": "بھیجیں",
        "howwasit.thanks": "شکریہ۔ آپ کے جوابات بھیج دیے گئے ہیں۔",
        "howwasit.back": "سرگرمی پر واپس جائیں",
        "howwasit.link": "کیا آپ نے حصہ لیا؟ ہمیں بتائیں کہ کیسا لگا (تین سوالات، نام کی ضرورت نہیں)",
    ]
}
