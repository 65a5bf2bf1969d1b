FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# The runtime set only (tests and tooling are in requirements-dev.txt); every package is hash-checked.
COPY requirements.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY . .
RUN useradd --create-home kindred && mkdir -p /app/var && chown -R kindred /app/var
USER kindred
EXPOSE 8000
# No access log: request lines carry password-reset keys and newsletter links (errors still log).
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
