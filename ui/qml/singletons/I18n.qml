pragma Singleton
import QtQuick
import Kiosk

// The messages in the screen's language, held on the QML side. Python decides
// them (I18nSource, ui/i18n_bridge.py: kiosk.i18n's catalogs and fallbacks);
// a call of a Python slot from QML costs about 15 µs and every visible string
// is one, so `t` looks the current language's table up here and asks Python
// only for another language or a key the table lacks; `tf` fills a message's
// {name} blanks here the same way. Traditional Chinese conversion (`pick` for
// zh-Hant) stays in Python.
QtObject {
    readonly property string language: I18nSource.language
    readonly property bool rtl: I18nSource.rtl
    readonly property string keyboardLocale: I18nSource.keyboardLocale
    readonly property var keyboardLocales: I18nSource.keyboardLocales
    readonly property var languages: I18nSource.languages
    readonly property string nextName: I18nSource.nextName
    // One binding reads both, so the table always says whose strings it holds.
    readonly property var table: ({ lang: I18nSource.language, strings: I18nSource.messages(I18nSource.language) })

    function t(key, lang) {
        const current = table
        if (lang === current.lang || lang === "") {
            const text = current.strings[key]
            if (text !== undefined)
                return text
        }
        return I18nSource.t(key, lang)
    }
    // A message's {name} blanks filled here for the current language (a list
    // row's time limit, a search's count: a Python call each); as Python's
    // str.format does, a blank without its value leaves the message as it is.
    function tf(key, lang, params) {
        const current = table
        if (lang === current.lang || lang === "") {
            const text = current.strings[key]
            if (text !== undefined) {
                let missing = false
                const filled = text.replace(/\{(\w+)\}/g, (blank, name) => {
                    if (params[name] === undefined) {
                        missing = true
                        return blank
                    }
                    return String(params[name])
                })
                return missing ? text : filled
            }
        }
        return I18nSource.tf(key, lang, params)
    }
    function pick(zh, en, ug, lang) {
        const l = lang === "" ? language : lang
        if (l === "en")
            return en ? en : zh
        if (l === "ug")
            return ug ? ug : zh
        if (l === "zh-Hant")
            return I18nSource.pick(zh, en, ug, l)
        return zh
    }
    function toggle() { I18nSource.toggle() }
    function choose(lang) { I18nSource.choose(lang) }
}
