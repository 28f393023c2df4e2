FROM python:3.12-slim
COPY requirements.txt /srv/app/
WORKDIR /srv/app
ENV PIP_NO_CACHE_DIR=1
RUN pip install -r requirements.txt
# sources
COPY . /srv/app
CMD ["python", "-m", "app"]
