import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// One form field: label, input (keyboard layout chosen by the field's hints),
// and its message right below it, in words with a "!" mark.
ColumnLayout {
    id: editor
    property string label: ""
    property string value: ""
    property string error: ""
    property string hints: "text"
    property bool mandatory: true
    property bool prefilled: false
    property var choices: []
    signal edited(string text)

    spacing: Style.spacing / 2

    function imHints(h) {
        if (h === "phone") return Qt.ImhDialableCharactersOnly | Qt.ImhNoPredictiveText
        if (h === "id_number") return Qt.ImhPreferNumbers | Qt.ImhUppercaseOnly | Qt.ImhNoPredictiveText
        if (h === "digits") return Qt.ImhDigitsOnly
        if (h === "date") return Qt.ImhPreferNumbers | Qt.ImhDate | Qt.ImhNoPredictiveText
        return Qt.ImhNone
    }

    Text {
        Layout.fillWidth: true
        text: editor.label + "  ·  " + (editor.mandatory ? I18n.t("form.required", I18n.language)
                                                     : I18n.t("form.optional", I18n.language))
              + (editor.prefilled ? "  ·  " + I18n.t("form.prefilled", I18n.language) : "")
        font.pixelSize: Style.bodySize
        font.bold: true
        color: Style.text
        wrapMode: Text.WordWrap
    }

    TextField {
        id: input
        visible: editor.choices.length === 0
        Layout.fillWidth: true
        Layout.preferredHeight: Style.touchTarget
        font.pixelSize: Style.bodySize
        text: editor.value
        inputMethodHints: editor.imHints(editor.hints)
        maximumLength: 4096
        color: Style.text
        background: Rectangle {
            radius: 8
            color: Style.surface
            border.width: editor.error !== "" ? 3 : 2
            border.color: editor.error !== "" ? Style.error : (input.activeFocus ? Style.primary : "#8a94a6")
        }
        onTextEdited: editor.edited(text)
    }

    Flow {
        visible: editor.choices.length > 0
        Layout.fillWidth: true
        spacing: Style.spacing
        Repeater {
            model: editor.choices
            KButton {
                required property var modelData
                primary: modelData.value === editor.value
                text: (modelData.value === editor.value ? "✓ " : "") + modelData.label
                onClicked: editor.edited(modelData.value)
            }
        }
    }

    ErrorNote {
        Layout.fillWidth: true
        text: editor.error
    }
}
