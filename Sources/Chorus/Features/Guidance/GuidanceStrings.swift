/// The good-practice library's strings: staff pages are English; the public pages' words are in English and Urdu.
enum GuidanceStrings {
    static let english: [String: String] = [
        "nav.guidance": "Good practice",
        "audit.entity.guidance_page": "Good-practice page",
        "nav.training": "Training",
        "audit.entity.training_course": "Training course",
        "audit.entity.training_session": "Training session",
        "audit.entity.training_attendance": "Training attendance",
        "guidance.public.title": "Good practice in engaging residents",
        "guidance.public.intro": "How partners in the borough plan and run engagement, what they have learnt, and guides you can use too.",
        "guidance.public.search": "Search the guides",
        "guidance.public.kind": "Kind of page",
        "guidance.public.any_kind": "Any kind",
        "guidance.public.none": "No pages match.",
        "guidance.public.back": "Back to good practice",
        "guidance.public.from": "From {1}",
        "guidance.kind.method_guide": "Method guide",
        "guidance.kind.case_study": "Case study",
        "guidance.kind.tendering": "Tendering toolkit",
        "guidance.kind.communities": "Engaging communities",
    ]

    static let urdu: [String: String] = [
        "guidance.public.title": "رہائشیوں کو شامل کرنے کے اچھے طریقے",
        "guidance.public.intro":
            "بورو کے شراکت دار مشاورت کی منصوبہ بندی کیسے کرتے ہیں، انہوں نے کیا سیکھا، اور وہ رہنمائیاں جو آپ بھی استعمال کر سکتے ہیں۔",
        "guidance.public.search": "رہنمائیوں میں تلاش کریں",
        "guidance.public.kind": "صفحے کی قسم",
        "guidance.public.any_kind": "کوئی بھی قسم",
        "guidance.public.none": "کوئی صفحہ نہیں ملا۔",
        "guidance.public.back": "اچھے طریقوں پر واپس جائیں",
        "guidance.public.from": "{1} کی طرف سے",
        "guidance.kind.method_guide": "طریقے کی رہنمائی",
        "guidance.kind.case_study": "کیس اسٹڈی",
        "guidance.kind.tendering": "ٹینڈر کے لیے رہنمائی",
        "guidance.kind.communities": "برادریوں کو شامل کرنا",
    ]
}
