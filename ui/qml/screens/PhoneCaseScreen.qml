import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

// A case started on the phone, picked up here by its QR code (needs the platform).
JourneyPage {
    title: I18n.t("phone.title", I18n.language)
    subtitle: I18n.t("phone.hint", I18n.language)

    ErrorNote {
        Layout.fillWidth: true
        text: Journey.error !== "" ? Journey.error : (Journey.online ? "" : I18n.t("phone.offline", I18n.language))
    }
    ErrorNote { Layout.fillWidth: true; warning: false; text: Journey.notice }

    FieldEditor {
        id: code
        Layout.fillWidth: true
        label: I18n.t("phone.code", I18n.language)
        hints: "text"
        onEdited: (t) => value = t
    }
    KButton {
        Layout.fillWidth: true
        text: I18n.t("phone.fetch", I18n.language)
        onClicked: Journey.fetchPhoneCase(code.value)
    }
}
