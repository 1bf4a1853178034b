/// Strings for places and ward maps (merged into `Catalogue.english` and `Catalogue.urdu`). The boundary import page is
/// a staff page in English; these are the labels the audit log and the pages with maps show.
extension Catalogue {
    static let placesEnglish: [String: String] = [
        "audit.entity.ward_boundary": "Ward boundary",
        "admin.places.import_boundaries": "Import ward boundaries (GeoJSON)",
        "wardmap.no_data": "No data",
        "wardmap.suppressed": "Fewer than 5 (not shown)",
        "wardmap.fewer_than_5": "fewer than 5",
        "wardmap.all": "All wards",
        "wardmap.under": "under {1}",
        "wardmap.to_under": "{1} to under {2}",
        "wardmap.or_more": "{1} or more",
        "wardmap.range": "{1} to {2}",
        "wardmap.fatigue_heading": "Maps of {1}",
        "wardmap.fatigue_intro":
            "The maps show {1}; the table below gives the same figures for every quarter. Each ward's name and figure are in the map (point at a ward to see them).",
        "wardmap.rate_title": "Asks per 1,000 residents by ward, {1}",
        "wardmap.rate_desc": "Wards shaded by asks per 1,000 residents; the threshold is {1}. The same figures are in the table below.",
        "wardmap.rate_legend": "Asks per 1,000 residents",
        "wardmap.rate_value": "{1} asks per 1,000 residents",
        "wardmap.asks_title": "Activities asking for input by ward, {1}",
        "wardmap.asks_desc":
            "Wards shaded by how many live activities ask residents for input there; borough-wide activities count in every ward. The same figures are in the table below.",
        "wardmap.asks_legend": "Activities asking for input",
        "wardmap.ward": "Ward",
        "wardmap.insights_show": "Show these insights by ward, on a map",
        "wardmap.insights_hide": "Hide the insights by ward",
        "wardmap.insights_heading": "Insights by ward",
        "wardmap.insights_intro":
            "How many of the insights found were heard in each ward. Counts from 1 to 4 are shown as \u{201C}fewer than 5\u{201D} so no one can be identified; insights with no ward are not counted.",
        "wardmap.insights_title": "Insights found, by ward",
        "wardmap.insights_desc": "Wards shaded by how many of the insights found were heard there. The same figures are in the table below.",
        "wardmap.insights_legend": "Insights",
    ]

    static let placesUrdu: [String: String] = [
        "audit.entity.ward_boundary": "وارڈ کی حد",
        "admin.places.import_boundaries": "وارڈ کی حدیں درآمد کریں (GeoJSON)",
        "wardmap.no_data": "کوئی ڈیٹا نہیں",
        "wardmap.suppressed": "5 سے کم (نہیں دکھایا گیا)",
        "wardmap.fewer_than_5": "5 سے کم",
        "wardmap.all": "تمام وارڈ",
        "wardmap.under": "{1} سے کم",
        "wardmap.to_under": "{1} سے {2} سے کم تک",
        "wardmap.or_more": "{1} یا زیادہ",
        "wardmap.range": "{1} سے {2}",
        "wardmap.fatigue_heading": "{1} کے نقشے",
        "wardmap.fatigue_intro":
            "نقشے {1} دکھاتے ہیں؛ نیچے کی جدول میں ہر سہ ماہی کے یہی اعداد ہیں۔ ہر وارڈ کا نام اور عدد نقشے میں ہے (دیکھنے کے لیے وارڈ پر اشارہ کریں)۔",
        "wardmap.rate_title": "وارڈ کے لحاظ سے فی 1,000 رہائشی درخواستیں، {1}",
        "wardmap.rate_desc": "وارڈز فی 1,000 رہائشی درخواستوں کے مطابق رنگے گئے ہیں؛ حد {1} ہے۔ یہی اعداد نیچے کی جدول میں ہیں۔",
        "wardmap.rate_legend": "فی 1,000 رہائشی درخواستیں",
        "wardmap.rate_value": "فی 1,000 رہائشی {1} درخواستیں",
        "wardmap.asks_title": "وارڈ کے لحاظ سے رائے مانگنے والی سرگرمیاں، {1}",
        "wardmap.asks_desc":
            "وارڈز اس لحاظ سے رنگے گئے ہیں کہ وہاں کتنی جاری سرگرمیاں رہائشیوں سے رائے مانگتی ہیں؛ پورے بورو کی سرگرمیاں ہر وارڈ میں شمار ہوتی ہیں۔ یہی اعداد نیچے کی جدول میں ہیں۔",
        "wardmap.asks_legend": "رائے مانگنے والی سرگرمیاں",
        "wardmap.ward": "وارڈ",
        "wardmap.insights_show": "یہ آراء وارڈ کے لحاظ سے نقشے پر دکھائیں",
        "wardmap.insights_hide": "وارڈ کے لحاظ سے آراء چھپائیں",
        "wardmap.insights_heading": "وارڈ کے لحاظ سے آراء",
        "wardmap.insights_intro":
            "ملنے والی آراء میں سے کتنی ہر وارڈ میں سنی گئیں۔ 1 سے 4 تک کی گنتی \u{201C}5 سے کم\u{201D} دکھائی جاتی ہے تاکہ کسی کی شناخت نہ ہو؛ جن آراء کا کوئی وارڈ نہیں وہ شمار نہیں ہوتیں۔",
        "wardmap.insights_title": "ملنے والی آراء، وارڈ کے لحاظ سے",
        "wardmap.insights_desc": "وارڈز اس لحاظ سے رنگے گئے ہیں کہ ملنے والی آراء میں سے کتنی وہاں سنی گئیں۔ یہی اعداد نیچے کی جدول میں ہیں۔",
        "wardmap.insights_legend": "آراء",
    ]
}
