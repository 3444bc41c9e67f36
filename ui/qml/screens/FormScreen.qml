import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// The application form, generated from the service's fields.
JourneyPage {
    title: I18n.t("form.title", I18n.language)
    subtitle: Visit.serviceName

    ErrorNote { Layout.fillWidth: true; text: Visit.error }
    ErrorNote {
        Layout.fillWidth: true
        info: true
        warning: false
        text: Visit.takeCard ? I18n.t("identify.take_card", I18n.language) : ""
    }

    Repeater {
        model: Apply.formModel
        FieldEditor {
            required property int index
            required label
            required value
            required error
            required hints
            required mandatory
            required prefilled
            required choices
            required help
            required fromCard
            required property string type
            kind: type
            Layout.fillWidth: true
            onEdited: (t) => Apply.formModel.setValue(index, t)
            onChosen: (t) => Apply.formModel.chooseValue(index, t)
            onLeftField: Apply.formModel.checkField(index)
        }
    }

    actions: [
        KButton {
            Layout.fillWidth: true
            text: I18n.t("form.next", I18n.language) + " ›"
            onClicked: Apply.toMaterials()
        }
    ]
}
