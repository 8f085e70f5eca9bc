"""Error pages in the user's language (JSON under /api/), never a raw 500."""
from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from engine.errors import Conflict, EngineError, InvalidState, NotFound

ERROR_TEXTS = {
    400: (_l("Неверный запрос"), _l("Запрос не удалось обработать. Проверьте введённые данные.")),
    401: (_l("Нужен вход"), _l("Войдите в систему, чтобы продолжить.")),
    403: (_l("Доступ запрещён"), _l("У вас нет прав на эту страницу или действие.")),
    404: (_l("Не найдено"), _l("Такой страницы или записи нет.")),
    405: (_l("Метод не поддерживается"), _l("Это действие так выполнить нельзя.")),
    409: (_l("Конфликт"), _l("Запись уже изменена другим пользователем. Обновите страницу.")),
    413: (_l("Слишком большой файл"), _l("Размер запроса превышает допустимый предел.")),
    500: (_l("Внутренняя ошибка"), _l("Что-то пошло не так. Мы записали ошибку; попробуйте ещё раз позже.")),
}
ENGINE_ERROR_TEXTS = {
    NotFound: (404, _l("Задача или маршрут не найдены.")),
    Conflict: (409, _l("Задача уже завершена или изменена другим пользователем. Обновите страницу.")),
    InvalidState: (409, _l("Действие недоступно в текущем состоянии задачи или маршрута.")),
}
#: the API's `error` code for each status it answers without a more precise one
ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "too_large", 500: "internal_error"}
CSRF_TEXT = _l("Форма устарела или отправлена не с этого сайта. Обновите страницу и повторите.")


def wants_json() -> bool:
    return request.path.startswith("/api/")


def api_error(status: int, error: str, message: str, fields: dict[str, list[str]] | None = None,
              headers: dict[str, str] | None = None) -> ResponseReturnValue:
    """Every API error: `{"error": code, "message": text in the request's language, "fields": {...}}`."""
    return jsonify(error=error, message=message, fields=fields or {}), status, headers or {}


def error_response(code: int, detail: str | None = None,
                   headers: dict[str, str] | None = None) -> ResponseReturnValue:
    title, text = ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    message = detail or str(text)
    if wants_json():
        return api_error(code, ERROR_CODES.get(code, ERROR_CODES[500]), message, headers=headers)
    return render_template("errors/error.html", code=code, title=title, message=message), code, headers or {}


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    headers = {}
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return error_response(code if code in ERROR_TEXTS else 500, headers=headers)


def handle_csrf_error(_error: CSRFError) -> ResponseReturnValue:
    return error_response(400, str(CSRF_TEXT))


def handle_engine_error(error: EngineError) -> ResponseReturnValue:
    for kind, (code, text) in ENGINE_ERROR_TEXTS.items():
        if isinstance(error, kind):
            return error_response(code, str(text))
    return error_response(400, str(ERROR_TEXTS[400][1]))


def handle_unexpected(error: Exception) -> ResponseReturnValue:
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(InternalServerError.code)


def register_errorhandlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(EngineError, handle_engine_error)
    app.register_error_handler(Exception, handle_unexpected)
