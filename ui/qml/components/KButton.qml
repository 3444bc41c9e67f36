import QtQuick
import QtQuick.Controls
import Kiosk

// A large, high-contrast button; never smaller than the style's touch target.
Button {
    id: control
    property bool primary: true
    property string subtext: ""
    // compact: as narrow as its text allows (still a full touch target), for
    // rows that must fit 1080 px in elderly mode, such as the top bar.
    property bool compact: false

    implicitHeight: Math.max(Style.touchTarget, label.implicitHeight
                             + (sub.visible ? sub.implicitHeight + 4 : 0) + 2 * Style.spacing)
    implicitWidth: Math.max(compact ? Style.touchTarget : Style.touchTarget * 2,
                            Math.max(label.implicitWidth, sub.visible ? sub.implicitWidth : 0)
                            + (compact ? 2 : 3) * Style.spacing)
    font.pixelSize: Style.bodySize
    font.bold: true
    // A screen reader (and the tests' screen driver) says the words, not the glyphs.
    Accessible.role: Accessible.Button
    Accessible.name: control.text.replace(/[›‹✓☆⌕▭▣⌨⚠★]/g, "").trim()
    Accessible.description: control.subtext

    contentItem: Item {
        Column {
            anchors.centerIn: parent
            width: control.availableWidth
            spacing: 4
            Text {
                textFormat: Text.PlainText
                id: label
                width: parent.width
                // Uyghur reads right to left: "next ›" points left there, "‹ back" right.
                text: I18n.rtl ? control.text.replace(/[‹›]/g, (c) => c === "›" ? "‹" : "›")
                               : control.text
                font: control.font
                color: control.primary ? Style.primaryText : Style.primary
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                lineHeight: Style.lineHeight
            }
            Text {
                textFormat: Text.PlainText
                id: sub
                width: parent.width
                visible: control.subtext !== ""
                text: control.subtext
                font.pixelSize: Style.smallSize
                color: control.primary ? Style.primaryText : Style.mutedText
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
        }
    }

    background: Rectangle {
        radius: 12
        color: control.primary ? (control.down ? Qt.darker(Style.primary, 1.2) : Style.primary)
                               : (control.down ? "#dde6f2" : Style.surface)
        border.color: Style.primary
        border.width: 2
    }
}
