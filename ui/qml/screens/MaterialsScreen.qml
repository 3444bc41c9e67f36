import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// The materials checklist: the resident ticks what they brought.
JourneyPage {
    title: I18n.t("materials.title", I18n.language)
    subtitle: I18n.t("materials.hint", I18n.language)

    ErrorNote { Layout.fillWidth: true; text: Visit.error }

    Repeater {
        model: Apply.materials
        CheckRow {
            required property string code
            required property string name
            required property bool mandatory
            required property bool ticked
            Layout.fillWidth: true
            text: name
            detail: mandatory ? I18n.t("materials.required", I18n.language)
                              : I18n.t("materials.optional", I18n.language)
            checked: ticked
            stateText: ticked ? I18n.t("materials.ticked", I18n.language)
                              : I18n.t("materials.unticked", I18n.language)
            onToggled: Apply.toggleMaterial(code)
        }
    }

    actions: [
        KButton {
            Layout.fillWidth: true
            text: I18n.t("materials.next", I18n.language) + " ›"
            onClicked: Apply.toReview()
        }
    ]
}
