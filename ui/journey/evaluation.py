"""The rating (好差评), as QML sees it (singleton ``Evaluation``).

Five levels, once per visit; the two bad ones ask what went wrong. The rating
names what it rates: the service done in this visit, or the hall when nothing
was done. It goes to the outbox and syncs like an application.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.errors import KioskError
from kiosk.evaluation_queue import submit_evaluation
from kiosk.evaluations import BAD_LEVELS, LEVELS, REASONS
from kiosk.evaluations import Evaluation as Rating
from ui.journey.context import Context
from ui.journey.models import LevelsModel, ReasonsModel
from ui.journey.visit import Visit


class Evaluation(QObject):
    subjectChanged = Signal()  # ratingSubject
    levelChanged = Signal()  # needsReason
    evaluatedChanged = Signal()

    def __init__(self, ctx: Context, visit: Visit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self._levels = LevelsModel(self)
        self._reasons_model = ReasonsModel(self)
        self._level = 0
        self._reasons: set[str] = set()
        self._comment = ""
        self._evaluated = False
        self._elsewhere = ""  # rated already, on the phone: what and where
        visit.doneChanged.connect(self.subjectChanged)
        ctx.navigator.screenChanged.connect(self._on_screen)
        ctx.i18n.languageChanged.connect(self._retranslate)
        ctx.sessions.on_wipe(self.wipe)
        self._show()

    def wipe(self) -> None:
        self._level, self._reasons, self._comment = 0, set(), ""
        self._evaluated = False
        self._elsewhere = ""
        self._show()
        self.levelChanged.emit()
        self.evaluatedChanged.emit()

    def _retranslate(self) -> None:
        self._show()
        self.subjectChanged.emit()

    def _show(self) -> None:
        t = self.ctx.t
        self._levels.set_rows(
            [
                {"level": n, "label": t(f"evaluate.level.{n}"), "selected": n == self._level}
                for n, _ in LEVELS
            ]
        )
        self._reasons_model.set_rows(
            [
                {"code": r, "label": t(f"evaluate.reason.{r}"), "selected": r in self._reasons}
                for r in REASONS
            ]
        )

    @Property(QObject, constant=True)
    def levels(self) -> LevelsModel:
        return self._levels

    @Property(QObject, constant=True)
    def reasons(self) -> ReasonsModel:
        return self._reasons_model

    @Property(str, notify=subjectChanged)
    def ratingSubject(self) -> str:
        """What the rating is for: the service done in this visit, or the hall."""
        done = self.visit.done
        if done:
            return self.ctx.t("evaluate.for_service", service=self.ctx.service_name(done))
        return self.ctx.t("evaluate.for_hall")

    @Property(bool, notify=levelChanged)
    def needsReason(self) -> bool:
        return self._level in BAD_LEVELS

    @Property(bool, notify=evaluatedChanged)
    def evaluated(self) -> bool:
        return self._evaluated

    @Property(str, notify=evaluatedChanged)
    def ratedElsewhere(self) -> str:
        """What the phone rated already ("satisfied, on the phone"): one rating per case."""
        return self._elsewhere

    def _on_screen(self) -> None:
        """Opening the rating of this visit's case: was it rated on the phone already?

        Asked on a worker thread: at a village point the network may take its
        whole timeout, and the screen must answer touches meanwhile. The
        answer counts only while the same case's rating is still open and
        untouched; else the platform keeps the first rating it gets.
        """
        if self.ctx.screen != "Evaluate" or self._evaluated or not self.visit.application_id:
            return
        ask = getattr(self.ctx.gateway, "case_rating", None)
        if not callable(ask) or not self.visit.online:
            return
        case = self.visit.application_id

        def work() -> None:
            try:
                found = ask(case)
            except KioskError:
                return  # offline now: the kiosk's rating is taken; the platform keeps the first
            if found:
                self.ctx.gui.post(self._rated_elsewhere, case, found)

        threading.Thread(target=work, name="case-rating", daemon=True).start()

    def _rated_elsewhere(self, case: str, found: tuple[int, str]) -> None:
        if (
            self.ctx.screen != "Evaluate"
            or self._evaluated
            or self._level
            or self.visit.application_id != case
        ):
            return  # another visit, another screen, or the resident is already rating
        level, channel = found
        self._elsewhere = self.ctx.t(
            "phone.rating.done",
            level=self.ctx.t(f"evaluate.level.{level}"),
            channel=self.ctx.t(f"phone.rating.channel.{channel}"),
        )
        self._evaluated = True
        self.evaluatedChanged.emit()

    @Slot(int)
    def setLevel(self, level: int) -> None:
        self._level = level
        self.visit.clear_error()
        self._show()
        self.levelChanged.emit()

    @Slot(str)
    def toggleReason(self, code: str) -> None:
        self._reasons.symmetric_difference_update({code})
        self._show()

    @Slot(str)
    def setComment(self, text: str) -> None:
        self._comment = text[:1000]

    @Slot()
    def submitEvaluation(self) -> None:
        ctx = self.ctx
        rating = Rating(
            level=self._level,
            reasons=tuple(sorted(self._reasons)),
            comment=self._comment,
            service_code=self.visit.done,  # "" rates the hall: nothing was done in this visit
            application_id=self.visit.application_id,
        )
        try:
            submit_evaluation(ctx.storage, ctx.outbox, ctx.config.kiosk.code, rating)
        except KioskError as exc:
            self.visit.fail(exc)
            return
        self._evaluated = True
        self.visit.clear_error()
        self.evaluatedChanged.emit()

    @Slot()
    def skipEvaluation(self) -> None:
        self.ctx.shell.endSession("finish")
