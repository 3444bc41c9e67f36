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
        text: Visit.error !== "" ? Visit.error : (Visit.online ? "" : I18n.t("phone.offline", I18n.language))
    }
    ErrorNote { Layout.fillWidth: true; warning: false; text: Visit.notice }

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
        onClicked: Proofs.fetchPhoneCase(code.value)
    }
    ErrorNote {
        Layout.fillWidth: true
        warning: Receipt.printState === "failed"
        text: Proofs.phoneCaseFound ? Receipt.printMessage : ""
    }
    ErrorNote { Layout.fillWidth: true; warning: !Receipt.a4Printed; text: Receipt.a4Message }

    actions: [
        KButton {
            visible: Proofs.phoneCaseFound
            Layout.fillWidth: true
            text: I18n.t("phone.print_receipt", I18n.language)
            onClicked: Proofs.printPhoneReceipt()
        },
        KButton {
            visible: Proofs.phoneCaseHasDocuments
            Layout.fillWidth: true
            primary: false
            text: I18n.t("phone.print_documents", I18n.language)
            onClicked: Proofs.printPhoneDocuments()
        },
        KButton {
            Layout.fillWidth: true
            primary: false
            text: "☆ " + I18n.t("submitted.evaluate", I18n.language)
            onClicked: Navigator.go("Evaluate")
        }
    ]
}
