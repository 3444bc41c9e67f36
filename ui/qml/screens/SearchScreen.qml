import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import Kiosk
import "../components"

// Search: one big field, the on-screen keyboard docked below, results on every key.
Item {
    id: screen
    readonly property bool zh: I18n.language === "zh"
    // In landscape the docked keyboard leaves little height: keep only field and results.
    readonly property bool compact: width > height && Qt.inputMethod.visible

    // A fresh field starts a fresh search when the screen opens: at once, or,
    // made ahead and hidden (KeptScreen.qml), when it is shown.
    function opened() {
        if (!screen.visible)
            return
        Search.setQuery("")
        field.forceActiveFocus()
    }
    Component.onCompleted: opened()
    onVisibleChanged: opened()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: screen.compact ? Style.spacing : 2 * Style.spacing
        spacing: Style.spacing

        RowLayout {
            Layout.fillWidth: true
            visible: !screen.compact
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: I18n.t("catalog.search.title", I18n.language)
                font.pixelSize: Style.titleSize
                font.bold: true
                color: Style.text
            }
            SpeakerButton {}
        }

        TextField {
            id: field
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(Style.touchTarget * 1.2, implicitHeight)
            font.pixelSize: Style.titleSize
            color: Style.text
            placeholderText: I18n.t("catalog.search.placeholder", I18n.language)
            placeholderTextColor: Style.mutedText
            inputMethodHints: Qt.ImhNoPredictiveText
            leftPadding: Style.spacing * 1.5
            background: Rectangle {
                radius: 12
                color: Style.surface
                border.color: field.activeFocus ? Style.primary : "#8a94a6"
                border.width: field.activeFocus ? 3 : 2
            }
            // Committed text plus the pinyin still being composed: results follow each key.
            onTextChanged: Search.setQuery(text + preeditText)
            onPreeditTextChanged: Search.setQuery(text + preeditText)
        }

        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: !screen.compact
            text: Search.query.length === 0
                  ? I18n.t("catalog.search.hint", I18n.language)
                  : (results.count === 0 ? I18n.t("catalog.search.none", I18n.language)
                                         : I18n.tf("catalog.search.count", I18n.language,
                                                   {"count": results.count}))
            font.pixelSize: Style.bodySize
            color: Style.mutedText
            wrapMode: Text.WordWrap
            lineHeight: Style.lineHeight
        }

        ListView {
            id: results
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Style.spacing * 0.75
            model: Search.results
            // Rows beyond the glass were made in idle time; a keystroke that
            // shortened the list while one was being made cancelled it with
            // "DelegateModel::cancel: index out range" (seen typing YB0102 in
            // elderly landscape). Results fit a screen or two: make them on demand.
            cacheBuffer: 0
            reuseItems: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: 14; policy: ScrollBar.AsNeeded }
            delegate: CatalogServiceRow {
                required property string code
                required property string nameZh
                required property string nameEn
                required property string departmentZh
                required property string departmentEn
                required property string promisedZh
                required property string promisedEn
                required property string nameUg
                required property string departmentUg
                required property string promisedUg
                required property bool needsOnline
                required property bool atKiosk
                width: results.width - 16
                name: I18n.pick(nameZh, nameEn, nameUg, I18n.language)
                department: I18n.pick(departmentZh, departmentEn, departmentUg, I18n.language)
                promised: I18n.pick(promisedZh, promisedEn, promisedUg, I18n.language)
                onActivated: {
                    Qt.inputMethod.hide()
                    Guide.openService(code)
                }
            }
        }
    }

    // The tour types on the keyboard the way a finger would, so pinyin candidates show.
    Connections {
        target: Search
        function onTypeOnKeyboard(text) {
            field.forceActiveFocus()
            for (let i = 0; i < text.length; ++i) {
                const ch = text[i]
                const key = ch === " " ? Qt.Key_Space : Qt.Key_A + (ch.toLowerCase().charCodeAt(0) - 97)
                InputContext.inputEngine.virtualKeyClick(key, ch, 0)
            }
        }
    }
}
