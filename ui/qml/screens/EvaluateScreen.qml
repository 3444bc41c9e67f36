import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// 好差评: five levels; the two bad ones ask why. Skippable, never blocking.
JourneyPage {
    title: Evaluation.evaluated ? I18n.t("evaluate.thanks", I18n.language) : I18n.t("evaluate.title", I18n.language)
    subtitle: Evaluation.ratingSubject

    ErrorNote { Layout.fillWidth: true; text: Visit.error }
    ErrorNote { Layout.fillWidth: true; warning: false; text: Evaluation.ratedElsewhere }

    Repeater {
        model: Evaluation.evaluated ? 0 : Evaluation.levels
        CheckRow {
            required property int level
            required property string label
            required property bool selected
            Layout.fillWidth: true
            exclusive: true  // one of five: drawn as a radio mark
            text: label
            checked: selected
            stateText: selected ? I18n.t("journey.selected", I18n.language) : ""
            onToggled: Evaluation.setLevel(level)
        }
    }

    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        visible: Evaluation.needsReason && !Evaluation.evaluated
        text: I18n.t("evaluate.reason", I18n.language)
        font.pixelSize: Style.titleSize
        font.bold: true
        color: Style.text
        wrapMode: Text.WordWrap
    }
    Flow {
        Layout.fillWidth: true
        visible: Evaluation.needsReason && !Evaluation.evaluated
        spacing: Style.spacing
        Repeater {
            model: Evaluation.reasons
            KButton {
                required property string code
                required property string label
                required property bool selected
                primary: selected
                text: (selected ? "✓ " : "") + label
                onClicked: Evaluation.toggleReason(code)
            }
        }
    }
    FieldEditor {
        Layout.fillWidth: true
        visible: Evaluation.needsReason && !Evaluation.evaluated
        label: I18n.t("evaluate.comment", I18n.language)
        mandatory: false
        onEdited: (t) => { value = t; Evaluation.setComment(t) }
    }

    actions: [
        KButton {
            Layout.fillWidth: true
            primary: false
            visible: !Evaluation.evaluated
            text: I18n.t("evaluate.skip", I18n.language)
            onClicked: Evaluation.skipEvaluation()
        },
        KButton {
            Layout.fillWidth: true
            visible: !Evaluation.evaluated
            text: I18n.t("evaluate.submit", I18n.language)
            onClicked: Evaluation.submitEvaluation()
        },
        KButton {
            Layout.fillWidth: true
            visible: Evaluation.evaluated
            text: I18n.t("submitted.finish", I18n.language)
            onClicked: Shell.finish()
        }
    ]
}
