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
    property string kind: "text"
    property string help: ""
    // read from the ID card: shown, never changed
    property bool fromCard: false
    signal edited(string text)   // typing: stored, judged when the field is left
    signal chosen(string text)   // a choice tapped, a box ticked: judged at once
    signal leftField()           // the resident moved on from the field

    spacing: Style.spacing / 2
    onErrorChanged: if (error !== "") Voice.fieldFocused(editor.label, editor.error)

    function imHints(h) {
        if (h === "phone") return Qt.ImhDialableCharactersOnly | Qt.ImhNoPredictiveText
        if (h === "id_number") return Qt.ImhPreferNumbers | Qt.ImhUppercaseOnly | Qt.ImhNoPredictiveText
        if (h === "digits") return Qt.ImhDigitsOnly
        if (h === "date") return Qt.ImhPreferNumbers | Qt.ImhDate | Qt.ImhNoPredictiveText
        return Qt.ImhNone
    }

    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        // In Uyghur a label still in Chinese (the catalog has no Uyghur one) reads
        // right to left with its notes: the mark makes the paragraph RTL.
        text: (I18n.rtl ? "\u200f" : "") + editor.label + "  ·  " + (editor.mandatory ? I18n.t("form.required", I18n.language)
                                                     : I18n.t("form.optional", I18n.language))
              + (editor.fromCard ? "  ·  " + I18n.t("form.from_card", I18n.language)
                 : editor.prefilled ? "  ·  " + I18n.t("form.prefilled", I18n.language) : "")
        font.pixelSize: Style.bodySize
        font.bold: true
        color: Style.text
        wrapMode: Text.WordWrap
    }

    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        visible: editor.help !== ""
        text: (I18n.rtl ? "\u200f" : "") + editor.help
        font.pixelSize: Style.smallSize
        color: Style.mutedText
        wrapMode: Text.WordWrap
        lineHeight: Style.lineHeight
    }

    function picked(v) {
        return editor.kind === "multi_select" ? editor.value.split(",").indexOf(v) >= 0
                                              : editor.value === v
    }
    function pick(v) {
        if (editor.kind !== "multi_select")
            return v
        var list = editor.value === "" ? [] : editor.value.split(",")
        var at = list.indexOf(v)
        if (at >= 0) list.splice(at, 1); else list.push(v)
        return list.join(",")
    }

    TextField {
        id: input
        visible: editor.choices.length === 0 && editor.kind !== "checkbox"
        Layout.fillWidth: true
        Layout.preferredHeight: Style.touchTarget
        font.pixelSize: Style.bodySize
        text: editor.value
        // An ID number is typed on the pad below (digits and X): the on-screen
        // keyboard has no such layout, so this field never asks for it.
        readOnly: editor.fromCard || editor.hints === "id_number"
        inputMethodHints: editor.imHints(editor.hints)
        maximumLength: 4096
        Accessible.role: Accessible.EditableText
        Accessible.name: editor.label
        Accessible.description: editor.error
        color: Style.text
        background: Rectangle {
            radius: 8
            color: Style.surface
            border.width: editor.error !== "" ? 3 : 2
            border.color: editor.error !== "" ? Style.error : (input.activeFocus ? Style.primary : "#8a94a6")
        }
        onTextEdited: editor.edited(text)
        onActiveFocusChanged: {
            if (activeFocus) Voice.fieldFocused(editor.label, editor.error)  // said while guided
            else if (!idPad.hasFocus) editor.leftField()
        }
    }

    // Digits and X for an ID number, shown while its field is in use.
    GridLayout {
        id: idPad
        readonly property bool hasFocus: false
        visible: editor.hints === "id_number" && !editor.fromCard && input.activeFocus
        Layout.fillWidth: true
        columns: 6
        rowSpacing: Style.spacing / 2
        columnSpacing: Style.spacing / 2
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "X", "⌫"]
            KButton {
                required property string modelData
                Layout.fillWidth: true
                compact: true
                primary: false
                focusPolicy: Qt.NoFocus  // the field keeps the focus, the pad stays up
                text: modelData
                Accessible.name: modelData === "⌫" ? I18n.t("form.pad.delete", I18n.language) : modelData
                onClicked: {
                    var v = editor.value
                    v = modelData === "⌫" ? v.slice(0, -1) : (v.length < 18 ? v + modelData : v)
                    editor.edited(v)
                }
            }
        }
    }

    Flow {
        visible: editor.choices.length > 0
        Layout.fillWidth: true
        spacing: Style.spacing
        Repeater {
            model: editor.choices
            KButton {
                required property var modelData
                enabled: !editor.fromCard || editor.picked(modelData.value)
                primary: editor.picked(modelData.value)
                text: (editor.picked(modelData.value) ? "✓ " : "") + modelData.label
                onClicked: if (!editor.fromCard) editor.chosen(editor.pick(modelData.value))
            }
        }
    }

    CheckRow {
        visible: editor.kind === "checkbox"
        Layout.fillWidth: true
        text: editor.label
        checked: editor.value === "true"
        stateText: checked ? I18n.t("journey.selected", I18n.language) : I18n.t("journey.not_selected", I18n.language)
        onToggled: editor.chosen(checked ? "false" : "true")
    }

    ErrorNote {
        Layout.fillWidth: true
        text: editor.error
    }
}
