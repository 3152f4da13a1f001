namespace SocialFirst.Core.Escalation.Templates;

/// <summary>
/// The shipped templates (brand "*"), in the same JSON format as brand files (docs/escalation.md). Kept in code so
/// that the domain assembly needs no embedded resources; validated like any file whenever a catalog is loaded.
/// Short, polite, no personal data beyond the first name; public replies carry none at all.
/// </summary>
internal static class DefaultTemplates
{
    public const string Json = """
{
  "schemaVersion": 1,
  "version": "builtin-2025.1",
  "brand": "*",
  "defaultLanguage": "en",
  "templates": [
    { "category": "safety", "language": "en", "text": "We're so sorry[[, {firstName?}]]. Your safety comes first: please stop using the product for now[[ and call {safetyLine?}]]. Case {caseRef} is open; we'll contact you shortly. – {brandName}" },
    { "category": "legal", "language": "en", "text": "Hello[[ {firstName?}]], thank you for telling us. We've passed this to the right team under case {caseRef} and will reply here. – {brandName}" },
    { "category": "security", "language": "en", "text": "Hello[[ {firstName?}]], thanks for letting us know. Please never send passwords or card details in messages. We're looking into it: case {caseRef}. – {brandName}" },
    { "category": "billing", "language": "en", "text": "Hello[[ {firstName?}]], sorry about the trouble with your bill. We've opened case {caseRef} and will sort it out with you here. – {brandName}" },
    { "category": "service_failure", "language": "en", "text": "We're sorry[[, {firstName?}]], that's not the service we want you to have. Case {caseRef} is open and we'll get back to you here soon. – {brandName}" },
    { "category": "churn", "language": "en", "text": "Hello[[ {firstName?}]], we're sorry you're thinking of leaving and would like to put this right. Case {caseRef} is open; we'll reply here shortly. – {brandName}" },
    { "category": "default", "language": "en", "text": "Hello[[ {firstName?}]], thank you for reaching out. We've opened case {caseRef} and will reply to you here shortly. – {brandName}" },
    { "category": "default", "language": "en", "channel": "public", "text": "We're sorry to hear this. Please send us a direct message so we can help. – {brandName}" },

    { "category": "safety", "language": "zh-Hans", "text": "[[{firstName?}，]]非常抱歉。您的安全最重要：请先暂停使用该产品[[，并拨打我们的安全热线 {safetyLine?}]]。我们已创建工单 {caseRef}，会尽快联系您。——{brandName}" },
    { "category": "legal", "language": "zh-Hans", "text": "[[{firstName?}，]]您好，感谢您告知。我们已将此事转交相关团队（工单 {caseRef}），并会在此回复您。——{brandName}" },
    { "category": "security", "language": "zh-Hans", "text": "[[{firstName?}，]]您好，感谢您告知。为保护您的账户，请勿在消息中发送密码或银行卡信息。我们正在处理（工单 {caseRef}）。——{brandName}" },
    { "category": "billing", "language": "zh-Hans", "text": "[[{firstName?}，]]您好，很抱歉账单问题给您带来困扰。我们已创建工单 {caseRef}，会在此与您一起解决。——{brandName}" },
    { "category": "service_failure", "language": "zh-Hans", "text": "[[{firstName?}，]]非常抱歉，这不是我们希望为您提供的服务。我们已创建工单 {caseRef}，会尽快在此回复您。——{brandName}" },
    { "category": "churn", "language": "zh-Hans", "text": "[[{firstName?}，]]您好，得知您考虑离开，我们深感遗憾，希望能够弥补。工单 {caseRef} 已创建，我们会尽快在此回复您。——{brandName}" },
    { "category": "default", "language": "zh-Hans", "text": "[[{firstName?}，]]您好，感谢您联系我们。我们已创建工单 {caseRef}，会尽快在此回复您。——{brandName}" },
    { "category": "default", "language": "zh-Hans", "channel": "public", "text": "很抱歉给您带来不便。请私信我们，以便我们为您提供帮助。——{brandName}" },

    { "category": "safety", "language": "zh-Hant", "text": "[[{firstName?}，]]非常抱歉。您的安全最重要：請先暫停使用該產品[[，並撥打我們的安全專線 {safetyLine?}]]。我們已建立案件 {caseRef}，會盡快與您聯絡。——{brandName}" },
    { "category": "legal", "language": "zh-Hant", "text": "[[{firstName?}，]]您好，感謝您告知。我們已將此事轉交相關團隊（案件 {caseRef}），並會在此回覆您。——{brandName}" },
    { "category": "security", "language": "zh-Hant", "text": "[[{firstName?}，]]您好，感謝您告知。為保護您的帳戶，請勿在訊息中傳送密碼或信用卡資料。我們正在處理（案件 {caseRef}）。——{brandName}" },
    { "category": "billing", "language": "zh-Hant", "text": "[[{firstName?}，]]您好，很抱歉帳單問題造成您的困擾。我們已建立案件 {caseRef}，會在此與您一起解決。——{brandName}" },
    { "category": "service_failure", "language": "zh-Hant", "text": "[[{firstName?}，]]非常抱歉，這不是我們希望提供給您的服務。我們已建立案件 {caseRef}，會盡快在此回覆您。——{brandName}" },
    { "category": "churn", "language": "zh-Hant", "text": "[[{firstName?}，]]您好，得知您考慮離開，我們深感遺憾，希望能有所彌補。案件 {caseRef} 已建立，我們會盡快在此回覆您。——{brandName}" },
    { "category": "default", "language": "zh-Hant", "text": "[[{firstName?}，]]您好，感謝您與我們聯絡。我們已建立案件 {caseRef}，會盡快在此回覆您。——{brandName}" },
    { "category": "default", "language": "zh-Hant", "channel": "public", "text": "很抱歉造成您的不便。請私訊我們，讓我們為您提供協助。——{brandName}" },

    { "category": "safety", "language": "es", "text": "Lo sentimos mucho[[, {firstName?}]]. Su seguridad es lo primero: deje de usar el producto por ahora[[ y llame al {safetyLine?}]]. Caso {caseRef} abierto; le contactaremos pronto. – {brandName}" },
    { "category": "legal", "language": "es", "text": "Hola[[ {firstName?}]], gracias por avisarnos. Lo hemos pasado al equipo adecuado con el caso {caseRef} y le responderemos por aquí. – {brandName}" },
    { "category": "security", "language": "es", "text": "Hola[[ {firstName?}]], gracias por avisarnos. No envíe contraseñas ni datos de tarjeta por mensaje. Lo estamos revisando: caso {caseRef}. – {brandName}" },
    { "category": "billing", "language": "es", "text": "Hola[[ {firstName?}]], sentimos el problema con su factura. Hemos abierto el caso {caseRef} y lo resolveremos con usted por aquí. – {brandName}" },
    { "category": "service_failure", "language": "es", "text": "Lo sentimos[[, {firstName?}]]; no es el servicio que queremos darle. Hemos abierto el caso {caseRef} y le responderemos aquí pronto. – {brandName}" },
    { "category": "churn", "language": "es", "text": "Hola[[ {firstName?}]], sentimos que piense en irse y nos gustaría arreglarlo. Caso {caseRef} abierto; le responderemos aquí en breve. – {brandName}" },
    { "category": "default", "language": "es", "text": "Hola[[ {firstName?}]], gracias por escribirnos. Hemos abierto el caso {caseRef} y le responderemos aquí en breve. – {brandName}" },
    { "category": "default", "language": "es", "channel": "public", "text": "Sentimos lo ocurrido. Envíenos un mensaje directo para que podamos ayudarle. – {brandName}" },

    { "category": "safety", "language": "de", "text": "Das tut uns sehr leid[[, {firstName?}]]. Ihre Sicherheit geht vor: Bitte nutzen Sie das Produkt vorerst nicht[[ und rufen Sie {safetyLine?} an]]. Fall {caseRef} ist eröffnet. – {brandName}" },
    { "category": "legal", "language": "de", "text": "Hallo[[ {firstName?}]], danke für Ihren Hinweis. Wir haben dies unter Fall {caseRef} an das zuständige Team gegeben und antworten Ihnen hier. – {brandName}" },
    { "category": "security", "language": "de", "text": "Hallo[[ {firstName?}]], danke für den Hinweis. Bitte senden Sie keine Passwörter oder Kartendaten per Nachricht. Wir prüfen das: Fall {caseRef}. – {brandName}" },
    { "category": "billing", "language": "de", "text": "Hallo[[ {firstName?}]], es tut uns leid, dass es Ärger mit Ihrer Rechnung gibt. Wir klären das hier mit Ihnen: Fall {caseRef}. – {brandName}" },
    { "category": "service_failure", "language": "de", "text": "Das tut uns leid[[, {firstName?}]], so soll unser Service nicht sein. Fall {caseRef} ist eröffnet, wir melden uns hier bald. – {brandName}" },
    { "category": "churn", "language": "de", "text": "Hallo[[ {firstName?}]], schade, dass Sie gehen möchten. Wir würden das gern wiedergutmachen: Fall {caseRef} ist eröffnet, wir melden uns hier. – {brandName}" },
    { "category": "default", "language": "de", "text": "Hallo[[ {firstName?}]], danke für Ihre Nachricht. Wir haben den Fall {caseRef} eröffnet und antworten Ihnen hier in Kürze. – {brandName}" },
    { "category": "default", "language": "de", "channel": "public", "text": "Das tut uns leid. Bitte schreiben Sie uns eine Direktnachricht, damit wir helfen können. – {brandName}" },

    { "category": "safety", "language": "fr", "text": "Nous sommes vraiment désolés[[, {firstName?}]]. Votre sécurité d'abord : n'utilisez plus le produit pour l'instant[[ et appelez le {safetyLine?}]]. Dossier {caseRef} ouvert. – {brandName}" },
    { "category": "legal", "language": "fr", "text": "Bonjour[[ {firstName?}]], merci de nous l'avoir signalé. Nous avons transmis ce point à l'équipe concernée (dossier {caseRef}) et vous répondrons ici. – {brandName}" },
    { "category": "security", "language": "fr", "text": "Bonjour[[ {firstName?}]], merci de nous avoir prévenus. N'envoyez jamais de mot de passe ni de données de carte par message. Dossier {caseRef} en cours. – {brandName}" },
    { "category": "billing", "language": "fr", "text": "Bonjour[[ {firstName?}]], désolés pour ce souci de facturation. Nous avons ouvert le dossier {caseRef} et allons le régler avec vous ici. – {brandName}" },
    { "category": "service_failure", "language": "fr", "text": "Nous sommes désolés[[, {firstName?}]] : ce n'est pas le service que nous voulons vous offrir. Dossier {caseRef} ouvert, réponse ici très vite. – {brandName}" },
    { "category": "churn", "language": "fr", "text": "Bonjour[[ {firstName?}]], nous regrettons que vous pensiez partir et aimerions arranger les choses. Dossier {caseRef} ouvert, réponse ici rapidement. – {brandName}" },
    { "category": "default", "language": "fr", "text": "Bonjour[[ {firstName?}]], merci de nous avoir contactés. Nous avons ouvert le dossier {caseRef} et vous répondrons ici très vite. – {brandName}" },
    { "category": "default", "language": "fr", "channel": "public", "text": "Nous sommes désolés. Envoyez-nous un message privé pour que nous puissions vous aider. – {brandName}" },

    { "category": "safety", "language": "sl", "text": "Zelo nam je žal[[, {firstName?}]]. Vaša varnost je na prvem mestu: izdelka zaenkrat ne uporabljajte[[ in pokličite {safetyLine?}]]. Primer {caseRef} je odprt. – {brandName}" },
    { "category": "legal", "language": "sl", "text": "Pozdravljeni[[, {firstName?}]], hvala, da ste nas obvestili. Zadevo smo predali pristojni ekipi (primer {caseRef}) in vam bomo odgovorili tukaj. – {brandName}" },
    { "category": "security", "language": "sl", "text": "Pozdravljeni[[, {firstName?}]], hvala za obvestilo. V sporočilih nikoli ne pošiljajte gesel ali podatkov o kartici. Zadevo preverjamo: primer {caseRef}. – {brandName}" },
    { "category": "billing", "language": "sl", "text": "Pozdravljeni[[, {firstName?}]], žal nam je za težave z računom. Odprli smo primer {caseRef} in jih bomo skupaj z vami rešili tukaj. – {brandName}" },
    { "category": "service_failure", "language": "sl", "text": "Žal nam je[[, {firstName?}]], to ni storitev, kakršno vam želimo nuditi. Odprli smo primer {caseRef} in vam bomo kmalu odgovorili tukaj. – {brandName}" },
    { "category": "churn", "language": "sl", "text": "Pozdravljeni[[, {firstName?}]], žal nam je, da razmišljate o odhodu, radi bi to popravili. Primer {caseRef} je odprt, kmalu vam odgovorimo tukaj. – {brandName}" },
    { "category": "default", "language": "sl", "text": "Pozdravljeni[[, {firstName?}]], hvala, da ste nam pisali. Odprli smo primer {caseRef} in vam bomo kmalu odgovorili tukaj. – {brandName}" },
    { "category": "default", "language": "sl", "channel": "public", "text": "Žal nam je. Pišite nam v zasebnem sporočilu, da vam lahko pomagamo. – {brandName}" },

    { "category": "safety", "language": "ja", "text": "[[{firstName?}様、]]大変申し訳ございません。安全を最優先に、製品のご使用を一旦お控えください[[。安全窓口：{safetyLine?}]]。ケース番号 {caseRef} にて担当者より早急にご連絡いたします。{brandName}" },
    { "category": "legal", "language": "ja", "text": "[[{firstName?}様、]]ご連絡ありがとうございます。担当部署に引き継ぎました（ケース番号 {caseRef}）。こちらで改めてご回答いたします。{brandName}" },
    { "category": "security", "language": "ja", "text": "[[{firstName?}様、]]お知らせいただきありがとうございます。パスワードやカード情報はメッセージで送らないでください。ケース番号 {caseRef} にて確認中です。{brandName}" },
    { "category": "billing", "language": "ja", "text": "[[{firstName?}様、]]ご請求の件でご迷惑をおかけし申し訳ございません。ケース番号 {caseRef} にて、こちらで解決に向けて対応いたします。{brandName}" },
    { "category": "service_failure", "language": "ja", "text": "[[{firstName?}様、]]ご期待に沿えず大変申し訳ございません。ケース番号 {caseRef} にて、こちらから早急にご連絡いたします。{brandName}" },
    { "category": "churn", "language": "ja", "text": "[[{firstName?}様、]]ご不便をおかけし申し訳ございません。改善に努めたく、ケース番号 {caseRef} にてこちらから早急にご連絡いたします。{brandName}" },
    { "category": "default", "language": "ja", "text": "[[{firstName?}様、]]ご連絡ありがとうございます。ケース番号 {caseRef} にて承りました。こちらで早急にご回答いたします。{brandName}" },
    { "category": "default", "language": "ja", "channel": "public", "text": "ご迷惑をおかけし申し訳ございません。お手数ですが、ダイレクトメッセージでご連絡ください。{brandName}" }
  ]
}
""";
}
