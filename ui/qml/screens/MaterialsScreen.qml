import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// The materials checklist: the resident ticks what they brought.
JourneyPage {
    title: I18n.t("materials.title", I18n.language)
    subtitle: I18n.t("materials.hint", I18n.language)

    ErrorNote { Layout.fillWidth: true; text: Journey.error }

    Repeater {
        model: Journey.materials
        CheckRow {
            required property var modelData
            Layout.fillWidth: true
            text: modelData.name
            detail: modelData.required ? I18n.t("materials.required", I18n.language)
                                       : I18n.t("materials.optional", I18n.language)
            checked: modelData.ticked
            stateText: modelData.ticked ? I18n.t("materials.ticked", I18n.language)
                                        : I18n.t("materials.unticked", I18n.language)
            onToggled: Journey.toggleMaterial(modelData.code)
        }
    }

    actions: [
        KButton {
            Layout.fillWidth: true
            text: I18n.t("materials.next", I18n.language) + " ›"
            onClicked: Journey.toReview()
        }
    ]
}
