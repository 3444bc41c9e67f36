import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// 好差评: five levels; the two bad ones ask why. Skippable, never blocking.
JourneyPage {
    title: Journey.evaluated ? I18n.t("evaluate.thanks", I18n.language) : I18n.t("evaluate.title", I18n.language)
    subtitle: Journey.ratingSubject

    ErrorNote { Layout.fillWidth: true; text: Journey.error }

    Repeater {
        model: Journey.evaluated ? [] : Journey.levels
        CheckRow {
            required property var modelData
            Layout.fillWidth: true
            exclusive: true  // one of five: drawn as a radio mark
            text: modelData.label
            checked: modelData.selected
            stateText: modelData.selected ? I18n.t("journey.selected", I18n.language) : ""
            onToggled: Journey.setLevel(modelData.level)
        }
    }

    Text {
        Layout.fillWidth: true
        visible: Journey.needsReason && !Journey.evaluated
        text: I18n.t("evaluate.reason", I18n.language)
        font.pixelSize: Style.titleSize
        font.bold: true
        color: Style.text
        wrapMode: Text.WordWrap
    }
    Flow {
        Layout.fillWidth: true
        visible: Journey.needsReason && !Journey.evaluated
        spacing: Style.spacing
        Repeater {
            model: Journey.reasons
            KButton {
                required property var modelData
                primary: modelData.selected
                text: (modelData.selected ? "✓ " : "") + modelData.label
                onClicked: Journey.toggleReason(modelData.code)
            }
        }
    }
    FieldEditor {
        Layout.fillWidth: true
        visible: Journey.needsReason && !Journey.evaluated
        label: I18n.t("evaluate.comment", I18n.language)
        mandatory: false
        onEdited: (t) => { value = t; Journey.setComment(t) }
    }

    actions: [
        KButton {
            Layout.fillWidth: true
            primary: false
            visible: !Journey.evaluated
            text: I18n.t("evaluate.skip", I18n.language)
            onClicked: Journey.skipEvaluation()
        },
        KButton {
            Layout.fillWidth: true
            visible: !Journey.evaluated
            text: I18n.t("evaluate.submit", I18n.language)
            onClicked: Journey.submitEvaluation()
        },
        KButton {
            Layout.fillWidth: true
            visible: Journey.evaluated
            text: I18n.t("submitted.finish", I18n.language)
            onClicked: Shell.finish()
        }
    ]
}
